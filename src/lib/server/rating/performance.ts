/**
 * Performance tests (issue 16): pre, post and retention, each one parallel form (a, b, c) of the assessment drills
 * plus the self-efficacy scale. The forms rotate per learner by a stable hash of their id, so that across a cohort
 * each form is used at each phase about equally (counterbalancing). A test response is saved through the practice
 * save path and shared with the supervisor(s); which phase it belongs to is kept in test_responses, which no rater
 * reads. Retention is due 8 weeks after the post-test.
 */
import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { performanceTests, selfEfficacyAnswers, testResponses, TEST_FORMS, TEST_PHASES, type TestForm, type TestPhase } from '../db/schema';
import type { Drill } from '../content';
import { saveResponse, shareResponse } from '../practice/responses';

export const RETENTION_AFTER_DAYS = 56;

/** The database or a transaction on it. */
type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'transaction'>;

/** The learner's form at a phase: a rotation of a, b, c that starts where the hash of their id says. */
export function formFor(learnerId: string, phase: TestPhase): TestForm {
	const offset = (createHash('sha256').update(learnerId).digest()[0] ?? 0) % TEST_FORMS.length;
	return TEST_FORMS[(offset + TEST_PHASES.indexOf(phase)) % TEST_FORMS.length] ?? 'a';
}

/** The assessment drills of one form. */
export function drillsOfForm(drills: readonly Drill[], form: TestForm): Drill[] {
	return drills.filter((d) => d.pool === 'assessment' && d.form === form);
}

/** The learner's test at a phase, started (with its form) on the first call. */
export async function startTest(db: Tx, learnerId: string, phase: TestPhase) {
	await db
		.insert(performanceTests)
		.values({ learnerId, phase, form: formFor(learnerId, phase) })
		.onConflictDoNothing();
	const [test] = await db
		.select()
		.from(performanceTests)
		.where(and(eq(performanceTests.learnerId, learnerId), eq(performanceTests.phase, phase)));
	if (!test) throw new Error('performance test not started');
	return test;
}

/** A test response: saved like a practice response, shared with the supervisor(s), its phase kept apart. */
export async function saveTestResponse(db: Tx, learnerId: string, phase: TestPhase, drill: Drill, body: string): Promise<number> {
	const { id } = await saveResponse(db, learnerId, drill, { body, bodyNote: null, place: 'practice' });
	await shareResponse(db, learnerId, id, { visibility: 'supervisor' });
	await db.insert(testResponses).values({ responseId: id, learnerId, phase }).onConflictDoNothing();
	return id;
}

/** The self-efficacy answers at a phase (a second answer to an item replaces the first). */
export async function answerSelfEfficacy(db: Pick<Db, 'insert'>, learnerId: string, phase: TestPhase, answers: Record<string, number>): Promise<void> {
	const rows = Object.entries(answers).map(([itemId, value]) => ({ learnerId, phase, itemId, value }));
	if (rows.length === 0) return;
	for (const row of rows)
		await db
			.insert(selfEfficacyAnswers)
			.values(row)
			.onConflictDoUpdate({
				target: [selfEfficacyAnswers.learnerId, selfEfficacyAnswers.phase, selfEfficacyAnswers.itemId],
				set: { value: row.value, answeredAt: new Date() }
			});
}

/** Hands the test in (once). */
export async function completeTest(db: Pick<Db, 'update'>, learnerId: string, phase: TestPhase, at = new Date()): Promise<boolean> {
	const rows = await db
		.update(performanceTests)
		.set({ completedAt: at })
		.where(and(eq(performanceTests.learnerId, learnerId), eq(performanceTests.phase, phase), isNull(performanceTests.completedAt)))
		.returning({ phase: performanceTests.phase });
	return rows.length > 0;
}

export type TestRow = { phase: TestPhase; completedAt: Date | null };

/** The test due for these rows (see testDue; the dashboard reads the rows in its one statement). */
export function dueOf(rows: TestRow[], courseDone: boolean, now: Date): TestPhase | null {
	const done = (phase: TestPhase) => rows.find((r) => r.phase === phase)?.completedAt ?? null;
	const post = done('post');
	// A pre-test is a measure of where the learner started: once every module is done it is no longer offered.
	if (!post) return courseDone ? 'post' : done('pre') ? null : 'pre';
	if (done('retention')) return null;
	return now.getTime() - post.getTime() >= RETENTION_AFTER_DAYS * 86_400_000 ? 'retention' : null;
}

/**
 * The test the dashboard offers now, if any: the pre-test until it is done or the course is; the post-test once
 * every module is done (`courseDone`), with or without a pre-test; the retention test from RETENTION_AFTER_DAYS after the post-test.
 */
export async function testDue(db: Pick<Db, 'select'>, learnerId: string, courseDone: boolean, now = new Date()): Promise<TestPhase | null> {
	const rows = await db.select().from(performanceTests).where(eq(performanceTests.learnerId, learnerId));
	return dueOf(rows, courseDone, now);
}

/** Why a test is not open: the pre-test comes first and closes when the course is done, the post-test after every module, retention weeks after the post-test. */
export type TestClosed = 'pre-first' | 'pre-late' | 'modules' | 'retention-later';

/** Whether the learner may open the test at `phase` now, by the same rule as the dashboard (testDue); a handed-in test stays readable. */
export async function testAccess(
	db: Pick<Db, 'select'>,
	learnerId: string,
	phase: TestPhase,
	courseDone: boolean,
	now = new Date()
): Promise<'done' | 'open' | TestClosed> {
	const rows = await db.select().from(performanceTests).where(eq(performanceTests.learnerId, learnerId));
	const done = (p: TestPhase) => Boolean(rows.find((r) => r.phase === p)?.completedAt);
	if (done(phase)) return 'done';
	if (dueOf(rows, courseDone, now) === phase) return 'open';
	if (phase === 'pre') return 'pre-late';
	if (!done('pre') && !courseDone) return 'pre-first';
	return phase === 'post' ? 'modules' : 'retention-later';
}

/**
 * The whole test handed in at once: a response per drill, the self-efficacy answers, then completion, in one
 * transaction. The test's row is locked first, so a second hand-in at the same moment (a double click, two tabs)
 * waits and then finds the test completed, and writes nothing.
 */
export async function handInTest(db: Db, learnerId: string, phase: TestPhase, responses: { drill: Drill; body: string }[], answers: Record<string, number>) {
	return db.transaction(async (tx) => {
		await startTest(tx, learnerId, phase);
		const [test] = await tx
			.select({ completedAt: performanceTests.completedAt })
			.from(performanceTests)
			.where(and(eq(performanceTests.learnerId, learnerId), eq(performanceTests.phase, phase)))
			.for('update');
		if (test?.completedAt) return false;
		for (const r of responses) await saveTestResponse(tx, learnerId, phase, r.drill, r.body);
		await answerSelfEfficacy(tx, learnerId, phase, answers);
		return completeTest(tx, learnerId, phase);
	});
}
