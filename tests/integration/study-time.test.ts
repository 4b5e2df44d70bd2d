/**
 * Issue 12: active study time is recorded per learner and item with each request's credit bounded
 * by the wall clock, and shown only as a median of at least MEDIAN_MIN_LEARNERS who completed the item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { studyTime } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { touchItem } from '../../src/lib/server/learning/progress';
import {
	HEARTBEAT_SECONDS,
	MEDIAN_MIN_LEARNERS,
	MEDIAN_REFRESH_SECONDS,
	NOSCRIPT_GAP_SECONDS,
	medianStudyTimes,
	pageStudyTimes,
	recordBeat,
	recordPost
} from '../../src/lib/server/learning/study-time';

describe.each(drivers)('study time on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const lesson = item('les-een', 'lesson');
	const quiz = item('quiz', 'quiz');
	let n = 0;
	const learner = async () =>
		(await createUser(database.db, { email: `st${++n}@example.nl`, displayName: `L${n}`, password: 'een lange zin voor de studietijd' }))?.id ?? '';
	const row = async (learnerId: string, itemId: string) => {
		const [r] = await database.db
			.select()
			.from(studyTime)
			.where(and(eq(studyTime.learnerId, learnerId), eq(studyTime.itemId, itemId)));
		return r;
	};
	/** Moves a clock's last tick into the past, as if that much time had gone by. */
	const rewind = (learnerId: string, itemId: string, clock: 'beat' | 'event', seconds: number) =>
		database.db
			.update(studyTime)
			.set(clock === 'beat' ? { beatAt: sql`now() - make_interval(secs => ${seconds})` } : { eventAt: sql`now() - make_interval(secs => ${seconds})` })
			.where(and(eq(studyTime.learnerId, learnerId), eq(studyTime.itemId, itemId)));

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('credits a heartbeat at most its interval and never more than the time since the last one', async () => {
		const id = await learner();
		await recordBeat(database.db, id, lesson.id, 500);
		expect((await row(id, lesson.id))?.beatSeconds).toBe(HEARTBEAT_SECONDS);
		// A flood of beats right after adds nothing: the clock has not moved.
		for (let i = 0; i < 10; i++) await recordBeat(database.db, id, lesson.id, HEARTBEAT_SECONDS);
		expect((await row(id, lesson.id))?.beatSeconds).toBe(HEARTBEAT_SECONDS);
		await rewind(id, lesson.id, 'beat', 12);
		await recordBeat(database.db, id, lesson.id, HEARTBEAT_SECONDS);
		expect((await row(id, lesson.id))?.beatSeconds).toBe(HEARTBEAT_SECONDS + 12);
		await rewind(id, lesson.id, 'beat', 3600);
		await recordBeat(database.db, id, lesson.id, 7);
		expect((await row(id, lesson.id))?.beatSeconds).toBe(HEARTBEAT_SECONDS + 12 + 7);
		await recordBeat(database.db, id, lesson.id, -50);
		expect((await row(id, lesson.id))?.beatSeconds).toBe(HEARTBEAT_SECONDS + 12 + 7);
	});

	it('without JavaScript counts the gaps between posts on the item, from the page opening, capped', async () => {
		const id = await learner();
		await recordPost(database.db, id, quiz.id, new Date(Date.now() - 90_000));
		expect((await row(id, quiz.id))?.eventSeconds).toBeGreaterThanOrEqual(89);
		expect((await row(id, quiz.id))?.eventSeconds).toBeLessThanOrEqual(91);
		const first = (await row(id, quiz.id))?.eventSeconds ?? 0;
		// A repeated post (or an opening time from long ago) adds only the time since the last post.
		await recordPost(database.db, id, quiz.id, new Date(Date.now() - 3_600_000));
		expect((await row(id, quiz.id))?.eventSeconds).toBeLessThanOrEqual(first + 1);
		await rewind(id, quiz.id, 'event', 40);
		await recordPost(database.db, id, quiz.id, null);
		expect((await row(id, quiz.id))?.eventSeconds).toBeGreaterThanOrEqual(first + 40);
		const before = (await row(id, quiz.id))?.eventSeconds ?? 0;
		await rewind(id, quiz.id, 'event', 5 * 3600);
		await recordPost(database.db, id, quiz.id, null);
		expect((await row(id, quiz.id))?.eventSeconds).toBe(before + NOSCRIPT_GAP_SECONDS);
		// The first post without an opening time credits nothing: there is no gap to measure.
		const other = await learner();
		await recordPost(database.db, other, quiz.id, null);
		expect((await row(other, quiz.id))?.eventSeconds).toBe(0);
	});

	it(`shows a median only from ${MEDIAN_MIN_LEARNERS} learners who completed the item, in one statement`, async () => {
		const fresh = await freshDatabase(driver);
		try {
			const db = fresh.db;
			const ids: string[] = [];
			for (let i = 0; i < MEDIAN_MIN_LEARNERS + 1; i++)
				ids.push((await createUser(db, { email: `m${i}@example.nl`, displayName: `M${i}`, password: 'een lange zin voor de mediaan' }))?.id ?? '');
			const give = async (learnerId: string, itemId: string, seconds: number, clock: 'beat' | 'event' = 'beat') =>
				db
					.insert(studyTime)
					.values({ learnerId, itemId, ...(clock === 'beat' ? { beatSeconds: seconds } : { eventSeconds: seconds }) })
					.onConflictDoUpdate({
						target: [studyTime.learnerId, studyTime.itemId],
						set: clock === 'beat' ? { beatSeconds: seconds } : { eventSeconds: seconds }
					});
			// Four completers of the lesson: too few, and the one who only started does not count.
			for (const [i, minutes] of [4, 6, 8, 30].entries()) {
				await give(ids[i] ?? '', lesson.id, minutes * 60);
				await touchItem(db, ids[i] ?? '', lesson, 'completed');
			}
			await give(ids[4] ?? '', lesson.id, 60 * 60);
			await touchItem(db, ids[4] ?? '', lesson, 'started');
			expect((await medianStudyTimes(db, [lesson.id])).items.size).toBe(0);
			const t0 = Date.now();
			expect((await pageStudyTimes(db, [lesson.id], t0)).items.size).toBe(0);

			// The fifth completer, on the post clock (no JavaScript): now there is a median.
			await give(ids[5] ?? '', lesson.id, 10 * 60, 'event');
			await touchItem(db, ids[5] ?? '', lesson, 'completed');
			const times = await medianStudyTimes(db, [lesson.id, quiz.id]);
			expect(times.items.get(lesson.id)).toEqual({ learners: 5, minutes: 8 });
			expect(times.items.has(quiz.id)).toBe(false);
			expect(times.total).toBeNull();

			// Pages read the medians from memory: unchanged within MEDIAN_REFRESH_SECONDS, then the stale value
			// once more while the fresh one is computed in the background.
			const ttl = MEDIAN_REFRESH_SECONDS * 1000;
			expect((await pageStudyTimes(db, [lesson.id], t0 + 1000)).items.size).toBe(0);
			expect((await pageStudyTimes(db, [lesson.id], t0 + ttl + 1000)).items.size).toBe(0);
			await expect.poll(async () => (await pageStudyTimes(db, [lesson.id], t0 + ttl + 2000)).items.get(lesson.id)).toEqual({ learners: 5, minutes: 8 });

			// Five learners complete both items: the list's median is of their summed times.
			for (const [i, minutes] of [2, 2, 3, 4, 20].entries()) {
				const id = i === 4 ? (ids[5] ?? '') : (ids[i] ?? '');
				await give(id, quiz.id, minutes * 60, i === 4 ? 'event' : 'beat');
				await touchItem(db, id, quiz, 'completed');
			}
			const both = await medianStudyTimes(db, [lesson.id, quiz.id]);
			expect(both.items.get(quiz.id)).toEqual({ learners: 5, minutes: 3 });
			// Sums per learner: 4+2, 6+2, 8+3, 30+4, 10+20 minutes; the median is 11.
			expect(both.total).toEqual({ learners: 5, minutes: 11 });
			// The heartbeat clock wins once it has counted anything: a learner's idle post gaps do not add to it.
			await give(ids[0] ?? '', lesson.id, 45 * 60, 'event');
			expect((await medianStudyTimes(db, [lesson.id])).items.get(lesson.id)).toEqual({ learners: 5, minutes: 8 });
		} finally {
			await fresh.drop();
		}
	});
});
