/** The CSV's column names in the request's language; the route passes the skills' names from the rubric. */
import { m } from '$lib/paraglide/messages';
import type { CsvLabels } from './csv';

export function csvLabels(skillName: (skill: string) => string): CsvLabels {
	return {
		row: m.growth_col_skill(),
		phase: { pre: m.growth_phase_pre(), post: m.growth_phase_post(), retention: m.growth_phase_retention() },
		n: m.growth_csv_n(),
		change: m.growth_csv_change(),
		retained: m.growth_csv_retained(),
		difference: m.growth_csv_difference(),
		d: m.growth_csv_d(),
		ciLow: m.growth_csv_ci_low(),
		ciHigh: m.growth_csv_ci_high(),
		alpha: m.growth_csv_alpha(),
		icc: m.growth_csv_icc(),
		ratedTwice: m.growth_csv_rated_twice(),
		selfEfficacy: m.growth_csv_self_efficacy(),
		completed: m.growth_csv_completed(),
		rated: m.growth_csv_rated(),
		skillName
	};
}
