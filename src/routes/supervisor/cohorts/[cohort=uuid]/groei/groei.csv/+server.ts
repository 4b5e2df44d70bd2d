import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { db } from '$lib/server/db';
import { ownCohort } from '$lib/server/guards';
import { cohortGrowthOf } from '$lib/server/growth/cohort';
import { growthCsv } from '$lib/server/growth/view';
import { notFound } from '$lib/server/policy';
import type { RequestHandler } from './$types';

/** The cohort report as CSV; a cohort below MIN_GROUP has no report, so no file either. */
export const GET: RequestHandler = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const { report, agreement } = await cohortGrowthOf(database, cohort.id, PRACTICE_SKILLS);
	if (!report) notFound('cohort report');
	return growthCsv({ report, agreement }, cohort.name);
};
