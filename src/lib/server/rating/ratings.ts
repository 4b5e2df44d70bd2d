/**
 * Blinded ratings of shared drill responses (issue 16). The rater's queue and rating page hold no name, no date,
 * no self-rating and no place (practice or test, pre or post): only the drill and the words. The self-rating is
 * shown once the rater has submitted. The trainee then reads each rating beside their own and may reply once.
 * Which responses a rater may see is policy.drillResponsesRatableBy; every read by the rater is logged.
 */
import { and, asc, eq, isNull, notExists, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedAnywhere } from '../db/prepared';
import { drillResponses, responseRatings, users, type SkillRatings } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { logReads } from '../audit';
import { drillResponsesRatableBy, isSupervisor } from '../policy';
import { readKey } from '../practice/shared';

export const COMMENT_MAX = 1_000;
export const REPLY_MAX = 1_000;

const ratedBy = (raterId: string) =>
	notExists(sql`(select 1 from ${responseRatings} where ${responseRatings.responseId} = ${drillResponses.id} and ${responseRatings.raterId} = ${raterId})`);

/** The responses waiting for this rater, in an order of their own that stays the same between visits (never by date or name). */
export async function ratingQueue(db: Db, rater: SessionUser) {
	const rows = await db
		.select({ id: drillResponses.id, learnerId: drillResponses.learnerId, drillId: drillResponses.drillId })
		.from(drillResponses)
		.where(and(drillResponsesRatableBy(rater), ratedBy(rater.id)))
		.orderBy(sql`md5(${rater.id} || ':' || ${drillResponses.id}::text)`)
		.limit(100);
	return rows.map(({ id, drillId }) => ({ id, drillId }));
}

/**
 * One response as its rater sees it: the words only, and, once they have rated it, their rating beside the
 * author's self-rating. Nothing when the rater may not rate it. The read is logged.
 */
export async function responseForRater(db: Db, rater: SessionUser, responseId: number) {
	const [row] = await db
		.select({
			id: drillResponses.id,
			learnerId: drillResponses.learnerId,
			drillId: drillResponses.drillId,
			body: drillResponses.body,
			selfRating: drillResponses.ratings,
			rating: { scores: responseRatings.scores, comment: responseRatings.comment, reply: responseRatings.reply }
		})
		.from(drillResponses)
		.leftJoin(responseRatings, and(eq(responseRatings.responseId, drillResponses.id), eq(responseRatings.raterId, rater.id)))
		.where(and(eq(drillResponses.id, responseId), drillResponsesRatableBy(rater)));
	if (!row) return null;
	await logReads(db, rater, [{ learnerId: row.learnerId, what: readKey(row.id) }]);
	const rated = row.rating?.scores ? row.rating : null;
	return { id: row.id, drillId: row.drillId, body: row.body, rating: rated, selfRating: rated ? row.selfRating : null };
}

/**
 * Whether a response is ratable by the rater, prepared once for supervisors and once for everyone else (the policy's
 * condition differs by role only): the policy builds it with a placeholder where the rater's id goes.
 */
const ratableQueries = new Map<boolean, ReturnType<typeof buildRatable>>();
const buildRatable = (supervisor: boolean) => {
	const rater = { id: sql.placeholder('raterId') as unknown as string, role: supervisor ? 'supervisor' : 'trainee' } as SessionUser;
	return preparedAnywhere((db) =>
		db
			.select({ id: drillResponses.id })
			.from(drillResponses)
			.where(and(eq(drillResponses.id, sql.placeholder('responseId')), drillResponsesRatableBy(rater)))
			.prepare(supervisor ? 'ratable_by_supervisor' : 'ratable_by_peer')
	);
};
function ratableQuery(supervisor: boolean) {
	let query = ratableQueries.get(supervisor);
	if (!query) ratableQueries.set(supervisor, (query = buildRatable(supervisor)));
	return query;
}

/**
 * The rater's rating of a response they may rate; false when they may not, or rated it already (a rating is final).
 * `calibrated` may be calibration.calibratedNow, which the insert evaluates.
 */
export async function submitRating(
	db: Db,
	rater: SessionUser,
	responseId: number,
	input: { scores: SkillRatings; comment: string; calibrated: boolean | SQL<boolean> }
): Promise<'saved' | 'already' | 'refused'> {
	const [allowed] = await ratableQuery(isSupervisor(rater))(db).execute({ responseId, raterId: rater.id });
	if (!allowed) return 'refused';
	const saved = await db
		.insert(responseRatings)
		.values({ responseId, raterId: rater.id, ...input })
		.onConflictDoNothing()
		.returning({ id: responseRatings.id });
	return saved.length > 0 ? 'saved' : 'already';
}

/** The ratings of a learner's responses to one drill, for their history: scores, comment, rater's name (or none, once deleted), reply. */
export async function ratingsOfOwn(db: Pick<Db, 'select'>, learnerId: string, drillId: string) {
	return db
		.select({
			id: responseRatings.id,
			responseId: responseRatings.responseId,
			rater: users.displayName,
			scores: responseRatings.scores,
			comment: responseRatings.comment,
			ratedAt: responseRatings.ratedAt,
			reply: responseRatings.reply
		})
		.from(responseRatings)
		.innerJoin(drillResponses, eq(drillResponses.id, responseRatings.responseId))
		.leftJoin(users, eq(users.id, responseRatings.raterId))
		.where(and(eq(drillResponses.learnerId, learnerId), eq(drillResponses.drillId, drillId)))
		.orderBy(asc(responseRatings.ratedAt), asc(responseRatings.id));
}

/** The learner's one reply to a rating of their own response; false when it is not theirs or already answered. */
export async function replyToRating(db: Db, learnerId: string, ratingId: number, reply: string): Promise<boolean> {
	const own = db.select({ id: drillResponses.id }).from(drillResponses).where(eq(drillResponses.learnerId, learnerId));
	const rows = await db
		.update(responseRatings)
		.set({ reply, repliedAt: new Date() })
		.where(and(eq(responseRatings.id, ratingId), isNull(responseRatings.reply), sql`${responseRatings.responseId} in ${own}`))
		.returning({ id: responseRatings.id });
	return rows.length > 0;
}
