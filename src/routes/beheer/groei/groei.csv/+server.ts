import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { db } from '$lib/server/db';
import { requireAdmin } from '$lib/server/guards';
import { cohortGrowth } from '$lib/server/growth/cohort';
import { cohortsWithMembers } from '$lib/server/growth/institute';
import { growthCsv } from '$lib/server/growth/view';
import { notFound } from '$lib/server/policy';
import type { RequestHandler } from './$types';

/** The institute's report (every cohort's trainees together) as CSV; below MIN_GROUP trainees, no file. */
export const GET: RequestHandler = async () => {
	requireAdmin();
	const database = await db();
	const learnerIds = (await cohortsWithMembers(database)).flatMap((c) => c.learnerIds);
	const { report, agreement } = await cohortGrowth(database, learnerIds, PRACTICE_SKILLS);
	if (!report) notFound('institute report');
	return growthCsv({ report, agreement }, 'instituut');
};
