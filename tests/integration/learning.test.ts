import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { createUser } from '../../src/lib/server/auth/accounts';
import { learnerProgress, summarise, touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette, restartVignette, vignetteAttemptsOf } from '../../src/lib/server/learning/vignettes';
import { answerQuestion, quizAttemptsOf, retakeQuiz } from '../../src/lib/server/learning/quizzes';
import { reflectionsOf, saveReflection } from '../../src/lib/server/learning/reflections';

describe.each(drivers)('the learner path on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let learner = '';
	let other = '';
	const lesson = item('les-een', 'lesson');
	const vignette = item('casus', 'vignette');
	const quiz = item('quiz', 'quiz');
	const reflection = item('reflectie', 'reflection');

	beforeAll(async () => {
		database = await freshDatabase(driver);
		learner = (await createUser(database.db, { email: 'l@example.nl', displayName: 'L', password: 'een lange zin hier' }))?.id ?? '';
		other = (await createUser(database.db, { email: 'o@example.nl', displayName: 'O', password: 'een lange zin daar' }))?.id ?? '';
	});
	afterAll(async () => database?.drop());

	it('keeps one progress row per item and never turns finished back into started', async () => {
		await touchItem(database.db, learner, lesson, 'completed');
		await touchItem(database.db, learner, lesson, 'started');
		const rows = await learnerProgress(database.db, learner);
		expect(rows.filter((r) => r.itemId === lesson.id)).toEqual([expect.objectContaining({ status: 'completed' })]);
	});

	it('walks a vignette, refuses stale and unknown choices, accepts a double post once', async () => {
		expect((await chooseInVignette(database.db, learner, vignette, 'begin', 'stil')).ok).toBe(true);
		expect(await chooseInVignette(database.db, learner, vignette, 'begin', 'stil')).toMatchObject({ ok: true });
		expect(await chooseInVignette(database.db, learner, vignette, 'begin', 'praten')).toEqual({ ok: false, reason: 'stale-step' });
		expect(await chooseInVignette(database.db, learner, vignette, 'midden', 'bestaat-niet')).toEqual({ ok: false, reason: 'unknown-choice' });
		const [attempt] = await vignetteAttemptsOf(database.db, learner, vignette.id);
		expect(attempt?.path).toEqual([{ step: 'begin', choice: 'stil' }]);
		expect(attempt?.currentStep).toBe('midden');
		expect(attempt?.contentVersion).toBe(vignette.version);

		// Resume points at the unfinished vignette.
		const { resume } = summarise(fixtureCourse, await learnerProgress(database.db, learner));
		expect(resume).toEqual({ moduleId: 'proef', itemId: 'casus' });

		await chooseInVignette(database.db, learner, vignette, 'midden', 'vragen');
		const [done] = await vignetteAttemptsOf(database.db, learner, vignette.id);
		expect(done?.completedAt).not.toBeNull();
		expect(done?.currentStep).toBe('einde-a');
	});

	it('restarts a vignette as a new attempt and keeps the earlier one', async () => {
		await restartVignette(database.db, learner, vignette);
		await restartVignette(database.db, learner, vignette); // a second click adds no empty attempt
		const attempts = await vignetteAttemptsOf(database.db, learner, vignette.id);
		expect(attempts.map((a) => a.attempt)).toEqual([2, 1]);
		expect(attempts[0]?.path).toEqual([]);
		expect(attempts[1]?.path).toHaveLength(2);
	});

	it('saves quiz answers once per attempt, completes the quiz, and keeps attempts on a retake', async () => {
		expect(await answerQuestion(database.db, learner, quiz, 'een', 'b')).toBe(true);
		expect(await answerQuestion(database.db, learner, quiz, 'een', 'a')).toBe(false);
		await answerQuestion(database.db, learner, quiz, 'schat', 60);
		let [attempt] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(attempt?.completedAt).toBeNull();
		await answerQuestion(database.db, learner, quiz, 'stelling', 6);
		[attempt] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(attempt?.completedAt).not.toBeNull();
		expect(attempt?.answers.get('een')).toBe('b');
		await retakeQuiz(database.db, learner, quiz);
		const attempts = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(attempts.map((a) => a.answers.size)).toEqual([0, 3]);
	});

	it('saves reflections with versions: a stale tab gets a conflict, a retry is harmless', async () => {
		const key = reflection.reflectionKey;
		const first = await saveReflection(database.db, learner, { key, item: reflection, body: 'eerste', baseVersion: 0 });
		expect(first).toMatchObject({ ok: true, version: 1 });
		const tabA = await saveReflection(database.db, learner, { key, item: reflection, body: 'tab A', baseVersion: 1 });
		expect(tabA).toMatchObject({ ok: true, version: 2 });
		const retry = await saveReflection(database.db, learner, { key, item: reflection, body: 'tab A', baseVersion: 1 });
		expect(retry).toMatchObject({ ok: true, version: 2 });
		const tabB = await saveReflection(database.db, learner, { key, item: reflection, body: 'tab B', baseVersion: 1 });
		expect(tabB).toMatchObject({ ok: false, conflict: { version: 2, body: 'tab A' } });
		const stored = await reflectionsOf(database.db, learner, [key]);
		expect(stored.get(key)?.body).toBe('tab A');
		expect(stored.get(key)?.visibility).toBe('private');
	});

	it("never returns one learner's reflections to another", async () => {
		const key = reflection.reflectionKey;
		expect((await reflectionsOf(database.db, other, [key])).size).toBe(0);
		const own = await saveReflection(database.db, other, { key, item: reflection, body: 'van O', baseVersion: 0 });
		expect(own).toMatchObject({ ok: true, version: 1 });
		expect((await reflectionsOf(database.db, learner, [key])).get(key)?.body).toBe('tab A');
	});
});
