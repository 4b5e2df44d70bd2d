/**
 * Issue 17: the final test on both drivers: a retake draws unseen items, the pass mark is applied, answers
 * save idempotently, the item analysis matches a hand-computed example, study time cuts off idle time, and a
 * certificate needs both a passed attempt and an evaluation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import { fixtureTest } from '../fixtures/test-pool';
import type { Database } from '../../src/lib/server/db';
import { studyTime, testAttempts } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { touchItem } from '../../src/lib/server/learning/progress';
import { NOSCRIPT_GAP_SECONDS, recordPost } from '../../src/lib/server/learning/study-time';
import { attemptFor, saveAnswers, startAttempt, submitAttempt, type AttemptWithItems } from '../../src/lib/server/assessment/attempts';
import { saveEvaluation, type EvaluationInput } from '../../src/lib/server/assessment/evaluation';
import { evaluationSummary, itemAnalysis, studyLoad } from '../../src/lib/server/assessment/analysis';
import { certificateEligibility } from '../../src/lib/server/assessment/eligibility';

const RIGHT = 'a';
const WRONG = 'b';
const evaluation = (hoursSpent: number, relevance = 4): EvaluationInput => ({
	relevance,
	objectivesMet: 4,
	contentQuality: 5,
	studyLoad: 3,
	hoursSpent,
	comments: ''
});

describe.each(drivers)('the final test on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let n = 0;
	const learner = async () =>
		(await createUser(database.db, { email: `toets${++n}@example.nl`, displayName: `T${n}`, password: 'een lange zin voor de eindtoets' }))?.id ?? '';
	/** Starts an attempt and answers item i right where `pattern[i]` is true. */
	const sit = async (learnerId: string, pattern: boolean[], passMark = 70, random?: (below: number) => number) => {
		const id = await startAttempt(database.db, fixtureTest, learnerId, passMark, random);
		const attempt = (await attemptFor(database.db, learnerId, id))!;
		const answers = Object.fromEntries(attempt.items.map((d, i) => [d.itemId, pattern[i] ? RIGHT : WRONG]));
		expect(await saveAnswers(database.db, learnerId, id, answers)).toEqual({ ok: true, saved: attempt.items.length });
		return (await submitAttempt(database.db, fixtureTest, learnerId, id))!;
	};
	const itemIds = (a: AttemptWithItems) => a.items.map((d) => d.itemId);

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('draws perModule items per module, and a retake draws items the learner has not seen while the pool allows', async () => {
		const id = await learner();
		const first = await sit(id, [true, true, true, true]);
		expect(first.items.map((d) => d.moduleId)).toEqual(['proef', 'proef', 'tweede', 'tweede']);
		const second = await sit(id, [true, true, true, true]);
		const third = await sit(id, [true, true, true, true]);
		// 6 items per module, 2 per attempt: three attempts see the whole pool, without repeats.
		expect(new Set([...itemIds(first), ...itemIds(second), ...itemIds(third)]).size).toBe(12);
		// The fourth has only seen items left: the least recently seen, those of the first attempt.
		await database.db
			.update(testAttempts)
			.set({ startedAt: sql`${testAttempts.startedAt} - interval '1 day' * (4 - ${testAttempts.attempt})` })
			.where(eq(testAttempts.learnerId, id));
		expect((await sit(id, [true, true, true, true])).items.map((d) => d.itemId).sort()).toEqual(itemIds(first).sort());
	});

	it('applies the pass mark stored with the attempt', async () => {
		const id = await learner();
		expect(await sit(id, [true, true, true, false])).toMatchObject({ correct: 3, total: 4, score: 75, passed: true, passMark: 70 });
		expect(await sit(id, [true, true, false, false])).toMatchObject({ correct: 2, score: 50, passed: false });
		expect(await sit(id, [true, true, true, false], 80)).toMatchObject({ correct: 3, score: 75, passed: false, passMark: 80 });
	});

	it('saves answers idempotently, keeps one open attempt, and refuses what is not the learner’s to answer', async () => {
		const id = await learner();
		const other = await learner();
		const attemptId = await startAttempt(database.db, fixtureTest, id);
		expect(await startAttempt(database.db, fixtureTest, id)).toBe(attemptId);
		const [first] = (await attemptFor(database.db, id, attemptId))!.items;
		expect(await saveAnswers(database.db, id, attemptId, { [first!.itemId]: WRONG })).toEqual({ ok: true, saved: 1 });
		expect(await saveAnswers(database.db, id, attemptId, { [first!.itemId]: WRONG })).toEqual({ ok: true, saved: 0 });
		expect(await saveAnswers(database.db, id, attemptId, { [first!.itemId]: 'z' })).toEqual({ ok: false, reason: 'unknown-option' });
		expect(await saveAnswers(database.db, other, attemptId, { [first!.itemId]: RIGHT })).toEqual({ ok: false, reason: 'not-found' });
		expect((await attemptFor(database.db, id, attemptId))!.items[0]!.answer).toBe(WRONG);
		const submitted = (await submitAttempt(database.db, fixtureTest, id, attemptId))!;
		// Unanswered items count as wrong; submitting again changes nothing.
		expect(submitted).toMatchObject({ correct: 0, passed: false });
		expect(await saveAnswers(database.db, id, attemptId, { [first!.itemId]: RIGHT })).toEqual({ ok: false, reason: 'submitted' });
		expect((await submitAttempt(database.db, fixtureTest, id, attemptId))!.submittedAt).toEqual(submitted.submittedAt);
	});

	it('a save racing a submit is either scored or refused, never stored after the score', async () => {
		for (let round = 0; round < 8; round++) {
			const id = await learner();
			const attemptId = await startAttempt(database.db, fixtureTest, id);
			const items = (await attemptFor(database.db, id, attemptId))!.items;
			await saveAnswers(database.db, id, attemptId, Object.fromEntries(items.map((d) => [d.itemId, WRONG])));
			const [saved, submitted] = await Promise.all([
				saveAnswers(database.db, id, attemptId, Object.fromEntries(items.map((d) => [d.itemId, RIGHT]))),
				submitAttempt(database.db, fixtureTest, id, attemptId)
			]);
			const after = (await attemptFor(database.db, id, attemptId))!;
			// What is stored is what was scored: each item's mark agrees with its stored answer, and the score with the marks.
			for (const d of after.items) expect(d.correct).toBe(d.answer === RIGHT);
			expect(after.correct).toBe(after.items.filter((d) => d.correct).length);
			expect(saved.ok ? after.correct : 0).toBe(saved.ok ? items.length : 0);
			expect(submitted?.submittedAt).not.toBeNull();
		}
	});

	it('needs a passed attempt and an evaluation for a certificate', async () => {
		const id = await learner();
		const failed = await sit(id, [false, false, false, false]);
		expect(await saveEvaluation(database.db, id, failed.id, evaluation(3), 'v')).toBe(true);
		expect(await certificateEligibility(database.db, id)).toBeNull();
		const passed = await sit(id, [true, true, true, true]);
		const onlyPassed = await learner();
		await sit(onlyPassed, [true, true, true, true]);
		expect(await certificateEligibility(database.db, onlyPassed)).toBeNull();
		const eligible = await certificateEligibility(database.db, id);
		expect(eligible).toMatchObject({ attemptId: passed.id, score: 100 });
		expect(eligible?.passedAt).toEqual(passed.submittedAt);
		// Nobody evaluates someone else's attempt.
		expect(await saveEvaluation(database.db, onlyPassed, passed.id, evaluation(3), 'v')).toBe(false);
	});
});

describe.each(drivers)('the item analysis and study load on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let n = 0;
	const learner = async () =>
		(await createUser(database.db, { email: `analyse${++n}@example.nl`, displayName: `A${n}`, password: 'een lange zin voor de analyse' }))?.id ?? '';

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('matches a hand-computed example', async () => {
		// Five learners draw the same four items (a fixed random source) and answer in a Guttman pattern:
		// item 1 right by 4 of 5, item 2 by 3, item 3 by 2, item 4 by 1. For item 1, x = 1 1 1 1 0 and the
		// rest scores are 3 2 1 0 0: Σdx·dr = 1.2, Σdx² = 0.8, Σdr² = 6.8, r = 1.2 / √(0.8 × 6.8) = 0.5145.
		const patterns = [
			[true, true, true, true],
			[true, true, true, false],
			[true, true, false, false],
			[true, false, false, false],
			[false, false, false, false]
		];
		let drawn: string[] = [];
		for (const pattern of patterns) {
			const id = await learner();
			const attemptId = await startAttempt(database.db, fixtureTest, id, 70, () => 0);
			const attempt = (await attemptFor(database.db, id, attemptId))!;
			drawn = attempt.items.map((d) => d.itemId);
			await saveAnswers(database.db, id, attemptId, Object.fromEntries(drawn.map((itemId, i) => [itemId, pattern[i] ? RIGHT : WRONG])));
			await submitAttempt(database.db, fixtureTest, id, attemptId);
		}
		const stats = new Map((await itemAnalysis(database.db, fixtureTest)).map((s) => [s.itemId, s]));
		expect(drawn.map((id) => stats.get(id)!.p)).toEqual([0.8, 0.6, 0.4, 0.2]);
		expect(drawn.map((id) => stats.get(id)!.attempts)).toEqual([5, 5, 5, 5]);
		expect(stats.get(drawn[0]!)!.itemRest).toBeCloseTo(0.5145, 4);
		expect(stats.get(drawn[3]!)!.itemRest).toBeCloseTo(0.5145, 4);
		// Item 2: x = 1 1 1 0 0, rest = 3 2 1 1 0; Σdx·dr = 1.8, Σdx² = 1.2, Σdr² = 5.2, r = 0.7206.
		expect(stats.get(drawn[1]!)!.itemRest).toBeCloseTo(0.7206, 4);
		expect(stats.get(drawn[0]!)!.options).toEqual([
			{ id: 'a', correct: true, chosen: 4 },
			{ id: 'b', correct: false, chosen: 1 },
			{ id: 'c', correct: false, chosen: 0 }
		]);
		expect(drawn.flatMap((id) => stats.get(id)!.flags)).toEqual([]);
		const undrawn = [...stats.values()].find((s) => !drawn.includes(s.itemId))!;
		expect(undrawn).toMatchObject({ attempts: 0, p: null, itemRest: null });
	});

	it('measures study time with idle time cut off, beside the stated and the self-reported time', async () => {
		const lesson = item('les-twee', 'lesson');
		const learners = [await learner(), await learner(), await learner()];
		for (const id of learners) {
			// Opened an hour ago and completed now: without a sign of life in between, only NOSCRIPT_GAP_SECONDS count.
			await recordPost(database.db, id, lesson.id, new Date(Date.now() - 3600 * 1000));
			await touchItem(database.db, id, lesson, 'completed');
		}
		const [row] = await database.db
			.select()
			.from(studyTime)
			.where(and(eq(studyTime.learnerId, learners[0]!), eq(studyTime.itemId, lesson.id)));
		expect(row?.eventSeconds).toBe(NOSCRIPT_GAP_SECONDS);
		const load = await studyLoad(database.db, fixtureCourse);
		const tweede = load.modules.find((m) => m.moduleId === 'tweede')!;
		expect(tweede.stated).toBe(20);
		expect(tweede.measured).toMatchObject({ n: 3, median: NOSCRIPT_GAP_SECONDS / 60, iqr: 0 });
		// Nobody completed module 1, so it has no measured time; the self-reported hours need three evaluations.
		expect(load.modules.find((m) => m.moduleId === 'proef')!.measured).toBeNull();
		expect(load.course.selfReportedHours).toBeNull();
	});

	it('shows the evaluation only from three learners, each counted once', async () => {
		const evaluated = async (hours: number, relevance: number) => {
			const id = await learner();
			const attemptId = await startAttempt(database.db, fixtureTest, id);
			await submitAttempt(database.db, fixtureTest, id, attemptId);
			await saveEvaluation(database.db, id, attemptId, { ...evaluation(hours, relevance), comments: `uren ${hours}` }, 'v');
			return id;
		};
		await evaluated(2, 5);
		await evaluated(4, 4);
		expect(await evaluationSummary(database.db)).toMatchObject({ n: 2, hours: null, comments: [], ratings: { relevance: null } });
		await evaluated(9, 2);
		const summary = await evaluationSummary(database.db);
		expect(summary).toMatchObject({ n: 3, hours: { n: 3, median: 4 }, ratings: { relevance: { counts: [0, 1, 0, 1, 1], median: 4 } } });
		expect(summary.comments).toEqual(['uren 9', 'uren 4', 'uren 2']);
		expect((await studyLoad(database.db, fixtureCourse)).course.selfReportedHours).toMatchObject({ n: 3, median: 4 });
	});
});
