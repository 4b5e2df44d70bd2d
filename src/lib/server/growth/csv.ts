/**
 * The cohort report as CSV. Numbers are written as plain numerals with a decimal point (2 decimals), never
 * quoted: supervision/overview.ts's toCsv would turn a negative change into text ('-0.42) against spreadsheet
 * formulas, which a number cannot be. Text is quoted and neutralised the same way as there. An empty cell is a
 * figure that is not shown (fewer than three learners, or not computable).
 */
import type { SkillAgreement } from '../stats/agreement';
import type { PairedChange } from '../stats/change';
import { PHASES, type CohortReport, type Growth, type Phase } from './report';

export type CsvLabels = {
	row: string;
	phase: Record<Phase, string>;
	n: string;
	change: string;
	retained: string;
	difference: string;
	d: string;
	ciLow: string;
	ciHigh: string;
	alpha: string;
	icc: string;
	ratedTwice: string;
	selfEfficacy: string;
	completed: string;
	rated: string;
	skillName: (skill: string) => string;
};

type Cell = string | number | null;

function cell(value: Cell): string {
	if (value === null || (typeof value === 'number' && !Number.isFinite(value))) return '';
	if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(2);
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return `"${safe.replace(/"/g, '""')}"`;
}

const changeCells = (c: PairedChange | null): Cell[] => [c?.meanDifference ?? null, c?.n ?? null, c?.d ?? null, c?.ci?.[0] ?? null, c?.ci?.[1] ?? null];
const growthCells = (g: Growth): Cell[] => [
	...PHASES.flatMap((p) => [g[p]?.mean ?? null, g[p]?.n ?? null]),
	...changeCells(g.change),
	...changeCells(g.retained)
];

export function reportCsv(report: CohortReport, agreement: readonly SkillAgreement[], labels: CsvLabels): string {
	const changeHeader = (name: string) => [
		`${name}: ${labels.difference}`,
		`${name}: ${labels.n}`,
		`${name}: ${labels.d}`,
		`${name}: ${labels.ciLow}`,
		`${name}: ${labels.ciHigh}`
	];
	const header: Cell[] = [
		labels.row,
		...PHASES.flatMap((p) => [labels.phase[p], `${labels.phase[p]}: ${labels.n}`]),
		...changeHeader(labels.change),
		...changeHeader(labels.retained),
		labels.alpha,
		labels.icc,
		labels.ratedTwice
	];
	const bySkill = new Map(agreement.map((a) => [a.skill, a]));
	const rows: Cell[][] = [
		header,
		...report.skills.map((s) => {
			const a = bySkill.get(s.skill);
			return [labels.skillName(s.skill), ...growthCells(s), a?.alpha ?? null, a?.icc ?? null, a?.responses ?? null];
		}),
		[labels.selfEfficacy, ...growthCells(report.selfEfficacy), null, null, null],
		[],
		['', ...PHASES.map((p) => labels.phase[p])],
		[labels.completed, ...PHASES.map((p) => report.completed[p])],
		[labels.rated, ...PHASES.map((p) => report.rated[p])]
	];
	return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
