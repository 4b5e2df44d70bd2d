import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { ownCohort } from '$lib/server/guards';
import { membersOf } from '$lib/server/growth/members';
import { growthView } from '$lib/server/growth/view';
import { peerCalibrations } from '$lib/server/rating/peers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const [view, peers] = await Promise.all([
		membersOf(database, cohort.id).then((ids) => growthView(database, ids)),
		peerCalibrations(database, cohort, course.practice.calibration)
	]);
	return { cohort: { id: cohort.id, name: cohort.name }, ...view, peers };
};
