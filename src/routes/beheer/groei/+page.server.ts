import { PRACTICE_SKILLS } from '$lib/server/content/schema';
import { db } from '$lib/server/db';
import { requireAdmin } from '$lib/server/guards';
import { cohortGrowth } from '$lib/server/growth/cohort';
import { instituteGrowth } from '$lib/server/growth/institute';
import { growthView, skillNames } from '$lib/server/growth/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireAdmin();
	const database = await db();
	const institute = await instituteGrowth(database, PRACTICE_SKILLS);
	const names = skillNames();
	return {
		...growthView(await cohortGrowth(database, institute.learnerIds, PRACTICE_SKILLS)),
		skills: PRACTICE_SKILLS.map((id) => ({ id, name: names.get(id) ?? id })),
		// Per cohort only what k >= 3 allows: below it the cohort's name and nothing else.
		cohorts: institute.cohorts.map(({ id, name, report }) => ({
			id,
			name,
			report: report && {
				learners: report.learners,
				completed: report.completed,
				d: Object.fromEntries(report.skills.map((s) => [s.skill, s.change?.d ?? null])),
				selfEfficacy: report.selfEfficacy.change?.d ?? null
			}
		}))
	};
};
