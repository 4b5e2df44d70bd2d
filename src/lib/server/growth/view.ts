/**
 * The growth report as a page and a CSV file show it, for any set of learners: a cohort (the supervisor's
 * page) or every cohort together (the institute's page, /beheer/groei). One place, so both say the same.
 */
import { locale } from '$lib/locale';
import { course } from '../content';
import { rubricSkills } from '../rating/present';
import { MIN_GROUP } from '../stats/min-group';
import type { CohortGrowth } from './cohort';
import { reportCsv } from './csv';
import { csvLabels } from './labels';

/** The skills' names in the request's language, by id. */
export function skillNames(): Map<string, string> {
	return new Map<string, string>(rubricSkills(locale()).map((s) => [s.id, s.name]));
}

/** A report (cohortGrowth of any set of learners, or cohortGrowthOf a cohort) with the skills named, and what the page needs to draw it. */
export function growthView({ report, agreement }: CohortGrowth) {
	const names = skillNames();
	const scale = course.practice.selfEfficacy?.scale ?? { min: 1, max: 7 };
	return {
		minGroup: MIN_GROUP,
		selfEfficacyScale: { min: scale.min, max: scale.max },
		report: report && { ...report, skills: report.skills.map((s) => ({ ...s, name: names.get(s.skill) ?? s.skill })) },
		agreement: agreement.map((a) => ({ ...a, name: names.get(a.skill) ?? a.skill }))
	};
}
export type GrowthView = ReturnType<typeof growthView>;

/** The report as a CSV download (no names of people: skills, figures and counts only). */
export function growthCsv({ report, agreement }: { report: NonNullable<CohortGrowth['report']>; agreement: CohortGrowth['agreement'] }, filename: string) {
	const names = skillNames();
	const body = reportCsv(
		report,
		agreement,
		csvLabels((skill) => names.get(skill) ?? skill)
	);
	return new Response('\uFEFF' + body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ontroerd-groei-${filename.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'cohort'}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
