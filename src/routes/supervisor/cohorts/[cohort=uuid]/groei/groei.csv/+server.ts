import { locale } from '$lib/locale';
import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { db } from '$lib/server/db';
import { ownCohort } from '$lib/server/guards';
import { cohortGrowthOf } from '$lib/server/growth/cohort';
import { reportCsv } from '$lib/server/growth/csv';
import { csvLabels } from '$lib/server/growth/labels';
import { notFound } from '$lib/server/policy';
import { rubricSkills } from '$lib/server/rating/present';
import type { RequestHandler } from './$types';

/** The cohort report as CSV; a cohort below MIN_GROUP has no report, so no file either. */
export const GET: RequestHandler = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const { report, agreement } = await cohortGrowthOf(database, cohort.id, PRACTICE_SKILLS);
	if (!report) notFound('cohort report');
	const names = new Map<string, string>(rubricSkills(locale()).map((s) => [s.id, s.name]));
	return new Response(
		'\uFEFF' +
			reportCsv(
				report,
				agreement,
				csvLabels((skill) => names.get(skill) ?? skill)
			),
		{
			headers: {
				'content-type': 'text/csv; charset=utf-8',
				'content-disposition': `attachment; filename="ontroerd-groei-${cohort.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'cohort'}.csv"`,
				'cache-control': 'no-store'
			}
		}
	);
};
