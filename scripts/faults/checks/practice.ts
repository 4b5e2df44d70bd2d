/**
 * Drill responses, self-ratings and ratings. A response acknowledged is there once, with its text, its write key
 * and its xAPI statement in the outbox; a self-rating is on its response, and each rated response reviewed its
 * drill's card once (the card's reps count the rated responses: a review done twice shows as one more); a rating
 * is there once, as a calibrated rater's.
 */
import type postgres from 'postgres';
import { uuidV5 } from '../../../src/lib/server/xapi/uuid';
import type { Writer } from '../writers';
import { add, unsure, type Check } from '../verify';
import { storedKeys } from './learning';

const same = (a: Record<string, number> | null, b: Record<string, number>) => a !== null && Object.entries(b).every(([k, v]) => a[k] === v);

export async function checkPractice(sql: postgres.Sql, writers: Writer[], check: Check): Promise<void> {
	const ids = writers.map((w) => w.learnerId);
	const responses = await sql<{ id: number; learner_id: string; drill_id: string; body: string; ratings: Record<string, number> | null; rated: boolean }[]>`
		select id, learner_id, drill_id, body, ratings, rated_at is not null as rated from drill_responses where learner_id in ${sql(ids)}`;
	const cards = await sql<{ learner_id: string; drill_id: string; reps: number }[]>`
		select learner_id, drill_id, reps from practice_cards where learner_id in ${sql(ids)}`;
	const ratings = await sql<{ response_id: number; rater_id: string; comment: string; calibrated: boolean }[]>`
		select response_id, rater_id, comment, calibrated from response_ratings where rater_id in ${sql(ids)}`;
	const statementIds = responses.map((r) => uuidV5(`drill-completed:${r.id}`));
	const queued = new Set(
		(await sql<{ id: string }[]>`select id from xapi_outbox where id in ${sql(statementIds.length ? statementIds : [''])}`).map((r) => r.id)
	);
	const keySet = await storedKeys(sql, ids);
	const byId = new Map(responses.map((r) => [r.id, r]));
	for (const w of writers) {
		const own = responses.filter((r) => r.learner_id === w.learnerId);
		const told = w.practice.responses;
		const lost = told.filter((t) => {
			const row = byId.get(t.id);
			return row?.learner_id !== w.learnerId || row.body !== t.body || !keySet.has(`${w.learnerId} ${t.key}`) || !queued.has(uuidV5(`drill-completed:${t.id}`));
		}).length;
		add(check, 'drill-response', told.length, lost, own.length - told.length - unsure(w, 'drill-response'));

		const rated = w.practice.selfRatings;
		const unrated = rated.filter((t) => {
			const row = byId.get(t.id);
			return !row?.rated || !same(row.ratings, t.ratings);
		}).length;
		// Per drill: the card's reviews against the responses rated (a rating still unanswered may have reviewed).
		let reviewedTwice = 0;
		let unreviewed = 0;
		for (const drillId of new Set(own.filter((r) => r.rated).map((r) => r.drill_id))) {
			const ratedHere = own.filter((r) => r.rated && r.drill_id === drillId).length;
			const reps = cards.find((c) => c.learner_id === w.learnerId && c.drill_id === drillId)?.reps ?? 0;
			reviewedTwice += Math.max(0, reps - ratedHere);
			unreviewed += Math.max(0, ratedHere - reps);
		}
		add(check, 'self-rating', rated.length, unrated + unreviewed, reviewedTwice);

		const given = w.rating.acked;
		const mine = ratings.filter((r) => r.rater_id === w.learnerId);
		const notThere = given.filter((g) => !mine.some((r) => r.response_id === g.responseId && r.comment === g.comment && r.calibrated)).length;
		add(check, 'rating', given.length, notThere, mine.length - given.length - unsure(w, 'rating'));
	}
}
