/**
 * A rater's calibration (issue 16): they rate every item of the calibration set (content/oefenen/kalibratie/) on
 * all six skills, then see where they differ from the anchors and why. A round is complete when every item of
 * the current set is scored; a rater with a complete round counts as calibrated. Re-calibrating starts a new round.
 */
import { and, asc, desc, eq, inArray, max, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { calibrationScores, type SkillRatings } from '../db/schema';
import type { Calibration } from '../content';
import { PRACTICE_SKILLS } from '../content/schema';
import { calibrationAgreement, type CalibrationScore } from '../stats/calibration';

type Read = Pick<Db, 'select'>;

/** The rater's latest round (0: never started) and the items scored in it. */
export async function currentRound(db: Read, raterId: string): Promise<{ round: number; scored: Map<string, SkillRatings> }> {
	const [latest] = await db
		.select({ round: max(calibrationScores.round) })
		.from(calibrationScores)
		.where(eq(calibrationScores.raterId, raterId));
	const round = latest?.round ?? 0;
	if (round === 0) return { round, scored: new Map() };
	const rows = await db
		.select({ itemId: calibrationScores.itemId, scores: calibrationScores.scores })
		.from(calibrationScores)
		.where(and(eq(calibrationScores.raterId, raterId), eq(calibrationScores.round, round)))
		.orderBy(asc(calibrationScores.ratedAt));
	return { round, scored: new Map(rows.map((r) => [r.itemId, r.scores])) };
}

/** The latest round in which the rater scored every item of `set`, or nothing. */
export async function completeRound(db: Read, raterId: string, set: readonly Calibration[]): Promise<number | null> {
	if (set.length === 0) return null;
	const [row] = await db
		.select({ round: calibrationScores.round })
		.from(calibrationScores)
		.where(
			and(
				eq(calibrationScores.raterId, raterId),
				inArray(
					calibrationScores.itemId,
					set.map((c) => c.id)
				)
			)
		)
		.groupBy(calibrationScores.round)
		.having(sql`count(*) = ${set.length}`)
		.orderBy(desc(calibrationScores.round))
		.limit(1);
	return row?.round ?? null;
}

/**
 * The same as isCalibrated, as an expression a write evaluates itself: a rating's insert marks itself calibrated
 * without a statement of its own (issue 19).
 */
export function calibratedNow(raterId: string, set: readonly Calibration[]): SQL<boolean> {
	if (set.length === 0) return sql<boolean>`false`;
	const ids = set.map((c) => c.id);
	return sql<boolean>`exists (select 1 from ${calibrationScores} where ${and(eq(calibrationScores.raterId, raterId), inArray(calibrationScores.itemId, ids))} group by ${calibrationScores.round} having count(*) = ${set.length})`;
}

/** Whether the rater has completed a calibration round on the current set. */
export async function isCalibrated(db: Read, raterId: string, set: readonly Calibration[]): Promise<boolean> {
	return (await completeRound(db, raterId, set)) !== null;
}

/** One item's scores in the round; a second post of the same item keeps the first (the anchors were shown). */
export async function saveCalibrationScore(db: Pick<Db, 'insert'>, raterId: string, round: number, itemId: string, scores: SkillRatings): Promise<void> {
	await db.insert(calibrationScores).values({ raterId, round, itemId, scores }).onConflictDoNothing();
}

/** The rater's scores of one round beside the anchors, as the statistics take them. */
export function scoresAgainstAnchors(scored: ReadonlyMap<string, SkillRatings>, set: readonly Calibration[]): CalibrationScore[] {
	return set.flatMap((item) => {
		const own = scored.get(item.id);
		if (!own) return [];
		return PRACTICE_SKILLS.flatMap((skill) => {
			const rater = own[skill];
			const anchor = item.ratings[skill];
			return typeof rater === 'number' && typeof anchor === 'number' ? [{ responseId: item.id, skill, rater, anchor }] : [];
		});
	});
}

/** The agreement of one complete round with the anchors (per skill and overall) and when it was done, or nothing when there is none. */
export async function calibrationResult(db: Read, raterId: string, set: readonly Calibration[]) {
	const round = await completeRound(db, raterId, set);
	if (round === null) return null;
	const rows = await db
		.select({ itemId: calibrationScores.itemId, scores: calibrationScores.scores, ratedAt: calibrationScores.ratedAt })
		.from(calibrationScores)
		.where(and(eq(calibrationScores.raterId, raterId), eq(calibrationScores.round, round)));
	const scored = new Map(rows.map((r) => [r.itemId, r.scores]));
	// When the round was completed: its last item's time.
	const at = new Date(Math.max(...rows.map((r) => r.ratedAt.getTime())));
	return { round, at, ...calibrationAgreement(scoresAgainstAnchors(scored, set), PRACTICE_SKILLS) };
}
export type CalibrationResult = NonNullable<Awaited<ReturnType<typeof calibrationResult>>>;
