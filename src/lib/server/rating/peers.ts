/**
 * The peers who rated a cohort's group-shared responses, with their calibration as stored (issue 16), so that the
 * cohort's supervisor can judge whose ratings to trust. A peer's name follows the group's opt-in (show_name):
 * shown only where they chose to show it in every group whose responses they rated; otherwise "a group member".
 * The route has settled that the viewer leads the cohort.
 */
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortMembers, drillResponses, groupMembers, responseRatings, users, type Cohort } from '../db/schema';
import type { Calibration } from '../content';
import { calibrationResult } from './calibration';

export type PeerCalibration = {
	/** The peer's name, or null where they have not opted in to show it. */
	name: string | null;
	/** How many of the cohort's group-shared responses they rated. */
	rated: number;
	calibration: { at: Date; exact: number; withinOne: number; meanDifference: number } | null;
};

export async function peerCalibrations(db: Pick<Db, 'select'>, cohort: Cohort, set: readonly Calibration[]): Promise<PeerCalibration[]> {
	const rows = await db
		.select({ raterId: responseRatings.raterId, responseId: responseRatings.responseId, name: users.displayName, showName: groupMembers.showName })
		.from(responseRatings)
		.innerJoin(drillResponses, eq(drillResponses.id, responseRatings.responseId))
		.innerJoin(cohortMembers, and(eq(cohortMembers.learnerId, drillResponses.learnerId), eq(cohortMembers.cohortId, cohort.id)))
		.innerJoin(users, eq(users.id, responseRatings.raterId))
		.leftJoin(groupMembers, and(eq(groupMembers.groupId, drillResponses.groupId), eq(groupMembers.memberId, responseRatings.raterId)))
		.where(and(eq(drillResponses.visibility, 'group'), isNotNull(responseRatings.raterId), ne(responseRatings.raterId, cohort.supervisorId)))
		.orderBy(responseRatings.ratedAt, responseRatings.id);
	const peers = new Map<string, { name: string; named: boolean; responses: Set<number> }>();
	for (const r of rows) {
		if (!r.raterId) continue;
		const peer = peers.get(r.raterId) ?? { name: r.name, named: true, responses: new Set<number>() };
		peer.named &&= r.showName === true;
		peer.responses.add(r.responseId);
		peers.set(r.raterId, peer);
	}
	return Promise.all(
		[...peers].map(async ([id, peer]) => {
			const result = await calibrationResult(db, id, set);
			const overall = result?.overall;
			return {
				name: peer.named ? peer.name : null,
				rated: peer.responses.size,
				calibration: result && overall ? { at: result.at, exact: overall.exact, withinOne: overall.withinOne, meanDifference: overall.meanDifference } : null
			};
		})
	);
}
