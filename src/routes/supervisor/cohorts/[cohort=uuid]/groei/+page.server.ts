import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { ownCohort } from '$lib/server/guards';
import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { cohortGrowthOf } from '$lib/server/growth/cohort';
import { growthView } from '$lib/server/growth/view';
import { peerCalibrations } from '$lib/server/rating/peers';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const [view, peers] = await Promise.all([
		cohortGrowthOf(database, cohort.id, PRACTICE_SKILLS).then(growthView),
		peerCalibrations(database, cohort, course.practice.calibration)
	]);
	return { cohort: { id: cohort.id, name: cohort.name }, ...view, peers };
};
