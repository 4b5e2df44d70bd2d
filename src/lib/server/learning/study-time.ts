/**
 * Active study time per learner and item (issue 12). Two clocks per row, each crediting at most the
 * wall-clock time since its own last tick, so repeating or flooding requests adds (nearly) nothing:
 * - heartbeats (JavaScript): the page claims the seconds it counted as active (visible, input within
 *   IDLE_SECONDS), at most HEARTBEAT_SECONDS per beat;
 * - progress posts (no JavaScript): the gap since the learner's previous post on the item, or since the
 *   page was opened, up to NOSCRIPT_GAP_SECONDS, since a post is the only sign of life without script.
 * A row's active time is its heartbeat clock once any heartbeat arrived, else its post clock.
 * Others see it only as a median over at least MEDIAN_MIN_LEARNERS learners who completed the item.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedAnywhere } from '../db/prepared';
import { progress, studyTime } from '../db/schema';
import { errorFields, logEvent } from '../log';
import { HEARTBEAT_SECONDS, IDLE_SECONDS } from '$lib/study-clock';

export { HEARTBEAT_SECONDS, IDLE_SECONDS };
/**
 * Without JavaScript a learner reads a lesson or writes a reflection between two posts with no sign of
 * life in between; a longer gap is taken as a break and counts this much.
 */
export const NOSCRIPT_GAP_SECONDS = 15 * 60;
/** Stricter than the 3 answers group results need: a median of fewer learners says little and tells more about each. */
export const MEDIAN_MIN_LEARNERS = 5;
/** How old a median shown on a page may be: computing one reads every completer's row (see medianStudyTimes). */
export const MEDIAN_REFRESH_SECONDS = 10 * 60;

type Executor = Pick<Db, 'insert'>;
/** Whole seconds from `at` until now, rounded down so that no flood of requests outruns the clock; null when `at` is. */
const since = (at: unknown) => sql`case when ${at} is null then null else greatest(0, floor(extract(epoch from now() - ${at})))::int end`;

/** Credits one heartbeat: the claimed seconds, at most one heartbeat's worth and the time since the last one. */
export async function recordBeat(db: Executor, learnerId: string, itemId: string, claimedSeconds: number): Promise<void> {
	const claimed = Math.max(0, Math.min(HEARTBEAT_SECONDS, Math.floor(claimedSeconds)));
	await db
		.insert(studyTime)
		.values({ learnerId, itemId, beatSeconds: claimed, beatAt: sql`now()` })
		.onConflictDoUpdate({
			target: [studyTime.learnerId, studyTime.itemId],
			set: {
				beatSeconds: sql`${studyTime.beatSeconds} + least(excluded.beat_seconds, coalesce(${since(studyTime.beatAt)}, excluded.beat_seconds))`,
				beatAt: sql`now()`
			}
		});
}

/**
 * Credits a progress post: the time since the previous post on this item or since the page was opened
 * (`openedAt`, from the form; whichever is later), at most NOSCRIPT_GAP_SECONDS. A forged `openedAt` gains
 * nothing beyond that, and a repeated post credits the seconds between the two.
 */
export async function recordPost(db: Executor, learnerId: string, itemId: string, openedAt: Date | null): Promise<void> {
	await recordPostQuery(db).execute({ learnerId, itemId, opened: openedAt?.toISOString() ?? null });
}

const recordPostQuery = preparedAnywhere((db) => {
	const opened = sql`${sql.placeholder('opened')}::timestamptz`;
	// least() and greatest() skip nulls in PostgreSQL: no earlier post and no opening time must give 0, not the cap.
	const gap = (previous: unknown) => sql`least(${NOSCRIPT_GAP_SECONDS}, coalesce(${since(sql`greatest(${previous}, ${opened})`)}, 0))`;
	return db
		.insert(studyTime)
		.values({ learnerId: sql.placeholder('learnerId'), itemId: sql.placeholder('itemId'), eventSeconds: gap(sql`null::timestamptz`), eventAt: sql`now()` })
		.onConflictDoUpdate({
			target: [studyTime.learnerId, studyTime.itemId],
			set: { eventSeconds: sql`${studyTime.eventSeconds} + ${gap(studyTime.eventAt)}`, eventAt: sql`now()` }
		})
		.prepare('record_study_post');
});

/** The page's `openedAt` field: epoch milliseconds, or null when absent or not a plausible time. */
export function parseOpenedAt(value: FormDataEntryValue | null, now = Date.now()): Date | null {
	if (typeof value !== 'string' || !/^\d{1,15}$/.test(value)) return null;
	const ms = Number(value);
	return ms <= now && ms > now - 24 * 3600 * 1000 ? new Date(ms) : null;
}

export type Median = { learners: number; minutes: number };
export type StudyTimes = { items: Map<string, Median>; total: Median | null };

const active = sql<number>`case when ${studyTime.beatSeconds} > 0 then ${studyTime.beatSeconds} else ${studyTime.eventSeconds} end`;
const toMedian = (row: { learners: number; seconds: number }): Median => ({
	learners: Number(row.learners),
	minutes: Math.max(1, Math.round(Number(row.seconds) / 60))
});

/**
 * Median active time of learners who completed each item, and of the whole list (learners who completed
 * every item in it, their times summed), both only from MEDIAN_MIN_LEARNERS learners: one statement.
 */
export async function medianStudyTimes(db: Db, itemIds: string[]): Promise<StudyTimes> {
	if (itemIds.length === 0) return { items: new Map(), total: null };
	const rows = await medianQuery(db, itemIds);
	const items = new Map(rows.filter((r) => r.itemId !== '').map((r) => [r.itemId, toMedian(r)]));
	const total = rows.find((r) => r.itemId === '');
	return { items, total: total ? toMedian(total) : null };
}

const cached = new WeakMap<Db, Map<string, { at: number; value: Promise<StudyTimes> }>>();

/**
 * medianStudyTimes for a page: from memory, at most MEDIAN_REFRESH_SECONDS old. Only the first request
 * for a list waits for the statement (0.06–0.5 s at 20,000 learners); after that a
 * stale value is served while a fresh one is computed in the background.
 */
export function pageStudyTimes(db: Db, itemIds: string[], now = Date.now()): Promise<StudyTimes> {
	let perDb = cached.get(db);
	if (!perDb) cached.set(db, (perDb = new Map()));
	const store = perDb;
	const key = itemIds.join(' ');
	const hit = store.get(key);
	if (hit && now - hit.at < MEDIAN_REFRESH_SECONDS * 1000) return hit.value;
	const fresh = medianStudyTimes(db, itemIds);
	if (!hit) {
		store.set(key, { at: now, value: fresh });
		void fresh.catch(() => store.delete(key));
		return fresh;
	}
	// Stale: keep serving it (its time moved on, so one refresh at a time), and swap in the fresh value when it comes.
	store.set(key, { at: now, value: hit.value });
	void fresh.then(
		(value) => store.set(key, { at: Date.now(), value: Promise.resolve(value) }),
		(error: unknown) => logEvent('server.error', { what: 'study-time medians', ...errorFields(error) }, 'error')
	);
	return hit.value;
}

/** The statement behind medianStudyTimes: per item, and for a list of several one row with item id '' for the whole. */
export function medianQuery(db: Db, itemIds: string[]) {
	const completed = db
		.select({ learnerId: studyTime.learnerId, itemId: studyTime.itemId, seconds: active.as('seconds') })
		.from(studyTime)
		.innerJoin(progress, and(eq(progress.learnerId, studyTime.learnerId), eq(progress.itemId, studyTime.itemId), eq(progress.status, 'completed')))
		.where(and(inArray(studyTime.itemId, itemIds), sql`${active} > 0`))
		.as('completed');
	const median = (column: unknown) => sql<number>`percentile_cont(0.5) within group (order by ${column})`;
	const enough = sql`count(*) >= ${MEDIAN_MIN_LEARNERS}`;
	const perItem = db
		.select({ itemId: completed.itemId, learners: sql<number>`count(*)::int`, seconds: median(completed.seconds) })
		.from(completed)
		.groupBy(completed.itemId)
		.having(enough);
	// One item's total is the item itself: the item page skips the second half, which cost more than the first.
	if (itemIds.length === 1) return perItem;
	const perLearner = db
		.select({ learnerId: completed.learnerId, seconds: sql<number>`sum(${completed.seconds})`.as('total_seconds') })
		.from(completed)
		.groupBy(completed.learnerId)
		.having(sql`count(*) = ${itemIds.length}`)
		.as('per_learner');
	return perItem.unionAll(
		db
			.select({ itemId: sql<string>`''`, learners: sql<number>`count(*)::int`, seconds: median(perLearner.seconds) })
			.from(perLearner)
			.having(enough)
	);
}

/** One learner's active seconds over the whole course (for the certificate's measured study hours). */
export async function learnerActiveSeconds(db: Db, learnerId: string): Promise<number> {
	const [row] = await db
		.select({ seconds: sql<number>`coalesce(sum(${active}), 0)::int` })
		.from(studyTime)
		.where(eq(studyTime.learnerId, learnerId));
	return Number(row?.seconds ?? 0);
}
