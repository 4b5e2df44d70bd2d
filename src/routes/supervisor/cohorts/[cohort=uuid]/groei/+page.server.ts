import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { db } from '$lib/server/db';
import { ownCohort } from '$lib/server/guards';
import { cohortGrowthOf } from '$lib/server/growth/cohort';
import { rubricSkills } from '$lib/server/rating/present';
import { MIN_GROUP } from '$lib/server/stats/min-group';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const { report, agreement } = await cohortGrowthOf(database, cohort.id, PRACTICE_SKILLS);
	const names = new Map<string, string>(rubricSkills(locale()).map((s) => [s.id, s.name]));
	const scale = course.practice.selfEfficacy?.scale ?? { min: 1, max: 7 };
	return {
		cohort: { id: cohort.id, name: cohort.name },
		minGroup: MIN_GROUP,
		selfEfficacyScale: { min: scale.min, max: scale.max },
		report: report && {
			...report,
			skills: report.skills.map((s) => ({ ...s, name: names.get(s.skill) ?? s.skill }))
		},
		agreement: agreement.map((a) => ({ ...a, name: names.get(a.skill) ?? a.skill }))
	};
};
