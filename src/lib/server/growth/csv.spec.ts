import { describe, expect, it } from 'vitest';
import type { SkillAgreement } from '../stats/agreement';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { reportCsv, type CsvLabels } from './csv';
import { csvLabels } from './labels';
import type { CohortReport } from './report';

const labels: CsvLabels = {
	row: 'Vaardigheid',
	phase: { pre: 'Voormeting', post: 'Nameting', retention: 'Follow-up' },
	n: 'n',
	change: 'Verandering',
	retained: 'Behouden',
	difference: 'verschil',
	d: 'd_av',
	ciLow: '95%-BI onder',
	ciHigh: '95%-BI boven',
	alpha: 'alpha',
	icc: 'ICC(2,1)',
	ratedTwice: 'dubbel beoordeeld',
	selfEfficacy: 'Zelfvertrouwen',
	completed: 'Gemaakt',
	rated: 'Beoordeeld',
	skillName: (skill) => (skill === 'regie' ? '=Regie "houden"' : skill)
};

const none = { pre: null, post: null, retention: null, change: null, retained: null };
const report: CohortReport = {
	learners: 3,
	completed: { pre: 3, post: 3, retention: 0 },
	rated: { pre: 3, post: 2, retention: 0 },
	skills: [
		{
			skill: 'regie',
			pre: { mean: 3.456, n: 3 },
			post: { mean: 3, n: 3 },
			retention: null,
			change: { n: 3, meanBefore: 3.456, meanAfter: 3, meanDifference: -0.456, d: -0.5, ci: [-1.234, 0.25] },
			retained: null
		}
	],
	selfEfficacy: none
};
const agreement: SkillAgreement[] = [{ skill: 'regie', alpha: 0.8123, icc: null, responses: 4, raters: 2, ratings: 8 }];

describe('the report as CSV', () => {
	const lines = reportCsv(report, agreement, labels).split('\r\n');

	it('writes numbers as numerals with two decimals, negative ones too, and hidden figures as empty cells', () => {
		expect(lines[1]).toBe(`"'=Regie ""houden""",3.46,3,3,3,,,-0.46,3,-0.50,-1.23,0.25,,,,,,0.81,,4`);
	});

	it('names every column, self-efficacy on its own row, then the completion counts', () => {
		// 20 columns: the data row has no comma inside a cell, the header has one ("ICC(2,1)", quoted).
		expect(lines[1]?.split(',')).toHaveLength(20);
		expect(lines[0]?.split(',')).toHaveLength(21);
		expect(lines[0]).toMatch(/^"Vaardigheid","Voormeting","Voormeting: n",/);
		expect(lines[0]).toMatch(/,"alpha","ICC\(2,1\)","dubbel beoordeeld"$/);
		expect(lines[0]).toContain('"Verandering: 95%-BI onder"');
		expect(lines[2]).toBe('"Zelfvertrouwen"' + ','.repeat(19));
		expect(lines.slice(4)).toEqual(['"","Voormeting","Nameting","Follow-up"', '"Gemaakt",3,3,0', '"Beoordeeld",3,2,0', '']);
	});
});

describe('the CSV labels', () => {
	it('are the messages of the language asked for', () => {
		const original = getLocale;
		try {
			overwriteGetLocale(() => 'en');
			const en = csvLabels((s) => s);
			expect(en.phase).toEqual({ pre: 'Pre-test', post: 'Post-test', retention: 'Retention test' });
			overwriteGetLocale(() => 'nl');
			expect(
				reportCsv(
					report,
					agreement,
					csvLabels((s) => s)
				).split('\r\n')[0]
			).toMatch(/^"Vaardigheid","Voormeting","Voormeting: n",/);
		} finally {
			overwriteGetLocale(original);
		}
	});
});
