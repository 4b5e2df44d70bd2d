/**
 * Attempts at the final test (issue 17): start (draw), save answers as the learner goes, submit (score on
 * the server). An attempt's pass mark is the installation's at the moment it was started, stored with it.
 */
import { and, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { testAttemptItems, testAttempts, type TestAttempt } from '../db/schema';
import type { Test } from '../content';
import { cryptoRandom, drawItems, type Random } from './draw';
import { recordTestJudged } from '../xapi/record';

export const DEFAULT_PASS_MARK = 70;

/** `TEST_PASS_MARK`: a whole percentage 1..100, 70 when unset; anything else stops the app at start. */
export function passMarkFrom(value: string | undefined): number {
	if (value === undefined || value.trim() === '') return DEFAULT_PASS_MARK;
	const mark = Number(value);
	if (!Number.isInteger(mark) || mark < 1 || mark > 100) throw new Error(`TEST_PASS_MARK must be a whole percentage from 1 to 100, not "${value}"`);
	return mark;
}
export const TEST_PASS_MARK = passMarkFrom(process.env.TEST_PASS_MARK);

export type AttemptItem = typeof testAttemptItems.$inferSelect;
export type AttemptWithItems = TestAttempt & { items: AttemptItem[] };

/** The learner's attempts, newest first, each with its items in the order shown. */
export async function attemptsOf(db: Db, learnerId: string): Promise<AttemptWithItems[]> {
	const attempts = await db.select().from(testAttempts).where(eq(testAttempts.learnerId, learnerId)).orderBy(desc(testAttempts.attempt));
	if (attempts.length === 0) return [];
	const items = await db
		.select()
		.from(testAttemptItems)
		.where(
			inArray(
				testAttemptItems.attemptId,
				attempts.map((a) => a.id)
			)
		)
		.orderBy(testAttemptItems.position);
	return attempts.map((a) => ({ ...a, items: items.filter((i) => i.attemptId === a.id) }));
}

/** When each item was last drawn for this learner: a retake prefers the others. */
async function lastSeen(db: Pick<Db, 'select'>, learnerId: string): Promise<Map<string, Date>> {
	const rows = await db
		.select({ itemId: testAttemptItems.itemId, at: max(testAttempts.startedAt) })
		.from(testAttemptItems)
		.innerJoin(testAttempts, eq(testAttempts.id, testAttemptItems.attemptId))
		.where(eq(testAttempts.learnerId, learnerId))
		.groupBy(testAttemptItems.itemId);
	return new Map(rows.filter((r) => r.at !== null).map((r) => [r.itemId, r.at!]));
}

/**
 * The learner's open (unsubmitted) attempt, or a new one drawn from the pool. Posting "start" twice gives
 * the same attempt: a second click or a resent form draws nothing new.
 */
export async function startAttempt(db: Db, test: Test, learnerId: string, passMark = TEST_PASS_MARK, random: Random = cryptoRandom): Promise<number> {
	return db.transaction(async (tx) => {
		// One learner's starts queue behind each other here, so two at once cannot both draw.
		await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`toets:${learnerId}`}))`);
		const [open] = await tx
			.select({ id: testAttempts.id })
			.from(testAttempts)
			.where(and(eq(testAttempts.learnerId, learnerId), isNull(testAttempts.submittedAt)));
		if (open) return open.id;
		const [last] = await tx
			.select({ n: max(testAttempts.attempt) })
			.from(testAttempts)
			.where(eq(testAttempts.learnerId, learnerId));
		const drawn = drawItems(test.byModule, test.perModule, await lastSeen(tx, learnerId), random);
		const [attempt] = await tx
			.insert(testAttempts)
			.values({ learnerId, attempt: (last?.n ?? 0) + 1, total: drawn.length, passMark, contentVersion: test.version })
			.returning({ id: testAttempts.id });
		await tx.insert(testAttemptItems).values(drawn.map((d, position) => ({ attemptId: attempt!.id, position, ...d })));
		return attempt!.id;
	});
}

/** The learner's attempt by id (anyone else's is not found). */
export async function attemptFor(db: Pick<Db, 'select'>, learnerId: string, attemptId: number): Promise<AttemptWithItems | null> {
	const [attempt] = await db
		.select()
		.from(testAttempts)
		.where(and(eq(testAttempts.id, attemptId), eq(testAttempts.learnerId, learnerId)));
	if (!attempt) return null;
	const items = await db.select().from(testAttemptItems).where(eq(testAttemptItems.attemptId, attempt.id)).orderBy(testAttemptItems.position);
	return { ...attempt, items };
}

export type Answers = Record<string, string>;
export type SaveResult = { ok: true; saved: number } | { ok: false; reason: 'not-found' | 'submitted' | 'unknown-option' };

/**
 * Saves the answers posted for an open attempt: item id -> option id. Saving the same answers again
 * changes nothing, and an answer may change until the attempt is submitted. An option the item was not
 * shown with refuses the whole post, so nothing half-saved results.
 */
export async function saveAnswers(db: Db, learnerId: string, attemptId: number, answers: Answers): Promise<SaveResult> {
	const attempt = await attemptFor(db, learnerId, attemptId);
	if (!attempt) return { ok: false, reason: 'not-found' };
	if (attempt.submittedAt) return { ok: false, reason: 'submitted' };
	const byItem = new Map(attempt.items.map((i) => [i.itemId, i]));
	const changes = Object.entries(answers).filter(([itemId, optionId]) => byItem.get(itemId)?.answer !== optionId);
	if (Object.entries(answers).some(([itemId, optionId]) => !byItem.get(itemId)?.optionOrder.includes(optionId))) return { ok: false, reason: 'unknown-option' };
	const saved = await db.transaction(async (tx) => {
		// The attempt's row locked: a submit at the same moment waits and then scores these answers, or this save finds it submitted.
		if (!(await lockOpenAttempt(tx, learnerId, attemptId))) return false;
		for (const [itemId, answer] of changes)
			await tx
				.update(testAttemptItems)
				.set({ answer, answeredAt: sql`now()` })
				.where(and(eq(testAttemptItems.attemptId, attemptId), eq(testAttemptItems.itemId, itemId)));
		return true;
	});
	return saved ? { ok: true, saved: changes.length } : { ok: false, reason: 'submitted' };
}

/** Locks the learner's attempt row for the rest of the transaction; true when it exists and is not submitted. */
async function lockOpenAttempt(tx: Pick<Db, 'select'>, learnerId: string, attemptId: number): Promise<boolean> {
	const [row] = await tx
		.select({ submittedAt: testAttempts.submittedAt })
		.from(testAttempts)
		.where(and(eq(testAttempts.id, attemptId), eq(testAttempts.learnerId, learnerId)))
		.for('update');
	return row !== undefined && row.submittedAt === null;
}

/** Passed when the share correct reaches the pass mark; in whole numbers, so 70% of 15 needs 11 (73%), not 10 (67%). */
export function passes(correct: number, total: number, passMark: number): boolean {
	return correct * 100 >= passMark * total;
}

/**
 * Scores and closes an open attempt, on the server: an item counts when its answer is the correct option in
 * the content. An unanswered item counts as wrong. Submitting again returns the attempt as it was.
 */
export async function submitAttempt(db: Db, test: Test, learnerId: string, attemptId: number): Promise<AttemptWithItems | null> {
	const attempt = await attemptFor(db, learnerId, attemptId);
	if (!attempt) return null;
	if (attempt.submittedAt) return attempt;
	const rightOf = (itemId: string) => test.items.get(itemId)?.options.find((o) => o.correct)?.id;
	await db.transaction(async (tx) => {
		// Locked, then the answers read again: a save at the same moment either lands before the score or finds the attempt submitted.
		if (!(await lockOpenAttempt(tx, learnerId, attemptId))) return;
		const items = await tx.select().from(testAttemptItems).where(eq(testAttemptItems.attemptId, attemptId));
		const marks = items.map((i) => ({ itemId: i.itemId, correct: i.answer !== null && i.answer === rightOf(i.itemId) }));
		const correct = marks.filter((m) => m.correct).length;
		const total = items.length;
		for (const mark of marks)
			await tx
				.update(testAttemptItems)
				.set({ correct: mark.correct })
				.where(and(eq(testAttemptItems.attemptId, attemptId), eq(testAttemptItems.itemId, mark.itemId)));
		const passed = passes(correct, total, attempt.passMark);
		const [submitted] = await tx
			.update(testAttempts)
			.set({ submittedAt: sql`now()`, correct, score: Math.round((100 * correct) / total), passed })
			.where(and(eq(testAttempts.id, attemptId), isNull(testAttempts.submittedAt)))
			.returning({ attempt: testAttempts.attempt });
		// Only the submit that closed the attempt records it: passed or failed, with the score.
		if (submitted) await recordTestJudged(tx, learnerId, test, { id: attemptId, attempt: submitted.attempt, correct, total, passed });
	});
	return attemptFor(db, learnerId, attemptId);
}

/** Whether the learner has passed the final test in any attempt (for the dashboard). */
export async function hasPassed(db: Db, learnerId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: testAttempts.id })
		.from(testAttempts)
		.where(and(eq(testAttempts.learnerId, learnerId), eq(testAttempts.passed, true)))
		.limit(1);
	return row !== undefined;
}
