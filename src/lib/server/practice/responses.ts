/**
 * A learner's responses to drills: the first view (the start of the time to respond), the save (once, even when
 * retried with its write key, and before anything else is shown), the self-rating with the card and rung it
 * moves, and sharing. Every function takes the learner's id: a learner reaches only their own responses here.
 */
import { and, asc, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedAnywhere } from '../db/prepared';
import {
	drillResponses,
	drillViews,
	practiceCards,
	practiceLevels,
	type Difficulty,
	type DrillResponse,
	type PracticePlace,
	type SkillRatings
} from '../db/schema';
import type { Drill } from '../content';
import type { Sharing } from '../learning/reflections';
import { claimWriteKey, settleWriteKey } from '../learning/write-keys';
import { nextLevel, review } from './schedule';
import { recordDrillCompleted, recordDrillStarted } from '../xapi/record';

export const RESPONSE_MAX = 5_000;
export const BODY_NOTE_MAX = 300;

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/**
 * The first view of a drill not yet answered; later views keep it (no new row). A first view starts a round of
 * practice, which the learning records (xAPI) note in the same transaction.
 */
export async function recordView(db: Pick<Db, 'transaction'>, learnerId: string, drillId: string): Promise<void> {
	await db.transaction(async (tx) => {
		const [view] = await tx.insert(drillViews).values({ learnerId, drillId }).onConflictDoNothing().returning({ viewedAt: drillViews.viewedAt });
		if (view) await recordDrillStarted(tx, learnerId, drillId, view.viewedAt);
	});
}

/**
 * A response, timed from its first view, which the same statement takes away (or from now when there was none):
 * one statement where the view's delete and the insert were two (issue 19).
 */
const insertResponseQuery = preparedAnywhere((db) => {
	const taken = db.$with('taken').as(
		db
			.delete(drillViews)
			.where(and(eq(drillViews.learnerId, sql.placeholder('learnerId')), eq(drillViews.drillId, sql.placeholder('drillId'))))
			.returning({ viewedAt: drillViews.viewedAt })
	);
	const viewedAt = sql`coalesce((select ${taken.viewedAt} from ${taken}), now())`;
	return db
		.with(taken)
		.insert(drillResponses)
		.values({
			learnerId: sql.placeholder('learnerId'),
			drillId: sql.placeholder('drillId'),
			place: sql.placeholder('place'),
			bodyNote: sql.placeholder('bodyNote'),
			body: sql.placeholder('body'),
			contentVersion: sql.placeholder('contentVersion'),
			viewedAt,
			seconds: sql`greatest(0, floor(extract(epoch from now() - ${viewedAt})))::int`
		})
		.returning({ id: drillResponses.id, seconds: drillResponses.seconds })
		.prepare('insert_drill_response');
});

export type ResponseInput = { body: string; bodyNote: string | null; place: PracticePlace; writeKey?: string };

/**
 * Saves a response with the time since the first view, measured on the server (never enforced). With a write key,
 * a retry gets the first save's id and writes nothing.
 */
export async function saveResponse(db: Pick<Db, 'transaction'>, learnerId: string, drill: Drill, input: ResponseInput): Promise<{ id: number }> {
	return db.transaction(async (tx) => {
		const scope = `drill:${drill.id}`;
		if (input.writeKey) {
			const seen = await claimWriteKey<{ id: number }>(tx, learnerId, scope, input.writeKey);
			if (seen) return seen.first;
		}
		const [row] = await insertResponseQuery(tx).execute({
			learnerId,
			drillId: drill.id,
			place: input.place,
			bodyNote: input.bodyNote || null,
			body: input.body,
			contentVersion: drill.version
		});
		if (row) await recordDrillCompleted(tx, learnerId, drill.id, { id: row.id, seconds: row.seconds, body: input.body });
		const saved = { id: row?.id ?? 0 };
		if (input.writeKey) await settleWriteKey(tx, learnerId, scope, input.writeKey, saved);
		return saved;
	});
}

export async function responseOf(db: Pick<Db, 'select'>, learnerId: string, id: number): Promise<DrillResponse | undefined> {
	const [row] = await db
		.select()
		.from(drillResponses)
		.where(and(eq(drillResponses.id, id), eq(drillResponses.learnerId, learnerId)));
	return row;
}

export async function levelOf(db: Pick<Db, 'select'>, learnerId: string): Promise<number> {
	const [row] = await db.select({ level: practiceLevels.level }).from(practiceLevels).where(eq(practiceLevels.learnerId, learnerId));
	return row?.level ?? 1;
}

/** A self-rating of the learner's own response: the first (`rated`: false) or a correction (true). */
const rateQuery = (rated: boolean) =>
	preparedAnywhere((db) =>
		db
			.update(drillResponses)
			// An update's set takes no bare placeholder (its types), but SQL holding one.
			.set({ ratings: sql`${sql.placeholder('ratings')}::jsonb`, difficulty: sql`${sql.placeholder('difficulty')}`, ratedAt: sql`now()` })
			.where(
				and(
					eq(drillResponses.id, sql.placeholder('responseId')),
					eq(drillResponses.learnerId, sql.placeholder('learnerId')),
					eq(drillResponses.drillId, sql.placeholder('drillId')),
					rated ? isNotNull(drillResponses.ratedAt) : isNull(drillResponses.ratedAt)
				)
			)
			.returning({ id: drillResponses.id })
			.prepare(rated ? 'rate_drill_response_again' : 'rate_drill_response')
	);
const rateFirstQuery = rateQuery(false);
const rateAgainQuery = rateQuery(true);

/** The rung and the drill's card, in one statement. */
const rungAndCardQuery = preparedAnywhere((db) => {
	const learnerId = sql.placeholder('learnerId');
	return db
		.select({
			level: sql<number | null>`(select ${practiceLevels.level} from ${practiceLevels} where ${practiceLevels.learnerId} = ${learnerId})`,
			card: sql<unknown>`(select ${practiceCards.card} from ${practiceCards} where ${practiceCards.learnerId} = ${learnerId} and ${practiceCards.drillId} = ${sql.placeholder('drillId')})`.mapWith(
				practiceCards.card
			)
		})
		.from(sql`(select 1) as one`)
		.prepare('rung_and_card');
});

/**
 * The learner's self-rating and how hard it was. The first rating of a response is a review of the drill's card
 * (ts-fsrs, at `now`) and may move the rung (schedule.ts); a corrected rating updates the response only, so
 * posting twice never reviews twice. The first rating is told apart by an update that only a response not yet
 * rated matches: of two posts at once, the second waits for the first's row lock and then matches no longer.
 */
export async function rateResponse(
	db: Db,
	learnerId: string,
	drill: Drill,
	responseId: number,
	ratings: SkillRatings,
	difficulty: Difficulty,
	now: Date
): Promise<{ level: number } | null> {
	return db.transaction(async (tx) => {
		const rating = { responseId, learnerId, drillId: drill.id, ratings: JSON.stringify(ratings), difficulty };
		// The rung and card are read with the rating, in the same round trip (postgres.js sends both at once); the
		// server runs the read after the update, so it waits for a concurrent first rating as the update does.
		const [[first], [stored]] = await Promise.all([rateFirstQuery(tx).execute(rating), rungAndCardQuery(tx).execute({ learnerId, drillId: drill.id })]);
		if (!first) {
			const [corrected] = await rateAgainQuery(tx).execute(rating);
			return corrected ? { level: await levelOf(tx, learnerId) } : null;
		}
		const level = stored?.level ?? 1;
		const next = nextLevel(level, drill.level, difficulty, ratings);
		await Promise.all([
			reviewCard(tx, learnerId, drill.id, stored?.card ?? null, difficulty, ratings, now),
			next !== level
				? tx
						.insert(practiceLevels)
						.values({ learnerId, level: next })
						.onConflictDoUpdate({ target: practiceLevels.learnerId, set: { level: next, updatedAt: new Date() } })
				: null
		]);
		return { level: next };
	});
}

const storeCardQuery = preparedAnywhere((db) =>
	db
		.insert(practiceCards)
		.values({
			learnerId: sql.placeholder('learnerId'),
			drillId: sql.placeholder('drillId'),
			card: sql.placeholder('card'),
			due: sql.placeholder('due'),
			reps: sql.placeholder('reps'),
			updatedAt: sql`now()`
		})
		.onConflictDoUpdate({
			target: [practiceCards.learnerId, practiceCards.drillId],
			set: { card: sql`excluded.card`, due: sql`excluded.due`, reps: sql`excluded.reps`, updatedAt: sql`now()` }
		})
		.prepare('store_practice_card')
);

async function reviewCard(
	tx: Tx,
	learnerId: string,
	drillId: string,
	stored: unknown,
	difficulty: Difficulty,
	ratings: SkillRatings,
	now: Date
): Promise<void> {
	const card = review(stored, difficulty, ratings, now);
	await storeCardQuery(tx).execute({ learnerId, drillId, card, due: card.due, reps: card.reps });
}

/** Who may read the response besides the learner. Callers check that a group is the learner's (policy.mayShareWith). */
export async function shareResponse(db: Pick<Db, 'update'>, learnerId: string, responseId: number, sharing: Sharing): Promise<boolean> {
	const rows = await db
		.update(drillResponses)
		.set({ visibility: sharing.visibility, groupId: sharing.visibility === 'group' ? sharing.groupId : null })
		.where(and(eq(drillResponses.id, responseId), eq(drillResponses.learnerId, learnerId)))
		.returning({ id: drillResponses.id });
	return rows.length > 0;
}

/** The learner's responses to one drill, oldest first. */
export async function historyOf(db: Pick<Db, 'select'>, learnerId: string, drillId: string): Promise<DrillResponse[]> {
	return db
		.select()
		.from(drillResponses)
		.where(and(eq(drillResponses.learnerId, learnerId), eq(drillResponses.drillId, drillId)))
		.orderBy(asc(drillResponses.submittedAt), asc(drillResponses.id));
}

/** Whether the learner responded to the drill inside a vignette since `since` (the start of their current attempt). */
export async function respondedInVignetteSince(db: Pick<Db, 'select'>, learnerId: string, drillId: string, since: Date | null): Promise<number | null> {
	const [row] = await db
		.select({ id: drillResponses.id })
		.from(drillResponses)
		.where(
			and(
				eq(drillResponses.learnerId, learnerId),
				eq(drillResponses.drillId, drillId),
				eq(drillResponses.place, 'vignette'),
				since ? sql`${drillResponses.submittedAt} >= ${since.toISOString()}::timestamptz` : undefined
			)
		)
		.orderBy(sql`${drillResponses.submittedAt} desc`)
		.limit(1);
	return row?.id ?? null;
}
