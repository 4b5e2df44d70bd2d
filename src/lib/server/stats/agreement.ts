/**
 * Inter-rater agreement on one rubric skill. Krippendorff's alpha is the coefficient the app reports: it takes
 * any number of raters per response and the gaps that real rating data has (not every rater rates every
 * response). ICC(2,1) is given beside it where the design allows one: every response rated by the same raters.
 * Both are tested against their authors' published worked examples (agreement.spec.ts).
 */
import jStat from 'jstat';
import { fromGroup } from './min-group';

/**
 * ICC(2,1) of Shrout & Fleiss (1979): two-way random effects, absolute agreement, a single rater. `ratings` has
 * a row per target (response) and a column per judge (rater), complete. Nothing when it cannot be computed:
 * fewer than two targets or judges, a gap, or no variance at all.
 */
export function icc21(ratings: readonly (readonly number[])[]): number | null {
	const n = ratings.length;
	const k = ratings[0]?.length ?? 0;
	if (n < 2 || k < 2 || ratings.some((row) => row.length !== k || row.some((x) => !Number.isFinite(x)))) return null;
	const grand = jStat.mean(ratings.flat());
	const rowMeans = ratings.map((row) => jStat.mean([...row]));
	const colMeans = Array.from({ length: k }, (_, j) => jStat.mean(ratings.map((row) => row[j] ?? NaN)));
	const squares = (values: number[]) => values.reduce((sum, v) => sum + (v - grand) ** 2, 0);
	const ssRows = k * squares(rowMeans);
	const ssCols = n * squares(colMeans);
	const ssError = squares(ratings.flat()) - ssRows - ssCols;
	const bms = ssRows / (n - 1);
	const jms = ssCols / (k - 1);
	const ems = ssError / ((n - 1) * (k - 1));
	const denominator = bms + (k - 1) * ems + (k * (jms - ems)) / n;
	return denominator > 0 ? (bms - ems) / denominator : null;
}

export type Level = 'interval' | 'nominal';
export type Alpha = { value: number; units: number; pairable: number };

const difference: Record<Level, (c: number, k: number) => number> = {
	interval: (c, k) => (c - k) ** 2,
	nominal: (c, k) => (c === k ? 0 : 1)
};

/**
 * Krippendorff's alpha (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"): 1 - Do/De from the
 * coincidence matrix. `units` holds, per unit (response), the values the raters gave; `null` is a rating not
 * given. Units with fewer than two values are not pairable and drop out. Nothing when no disagreement is
 * expected at all (every value the same), where alpha is undefined.
 */
export function krippendorffAlpha(units: readonly (readonly (number | null)[])[], level: Level = 'interval'): Alpha | null {
	const delta = difference[level];
	const pairable = units.map((u) => u.filter((v): v is number => v !== null && Number.isFinite(v))).filter((u) => u.length >= 2);
	// o_ck as a sum over pairs of values within a unit, each weighted 1 / (m_u - 1); n_c are its margins.
	let observed = 0;
	const margins = new Map<number, number>();
	for (const values of pairable) {
		const weight = 1 / (values.length - 1);
		for (const [i, c] of values.entries()) {
			margins.set(c, (margins.get(c) ?? 0) + 1);
			for (const [j, k] of values.entries()) if (i !== j) observed += weight * delta(c, k);
		}
	}
	const n = [...margins.values()].reduce((a, b) => a + b, 0);
	let expected = 0;
	for (const [c, nc] of margins) for (const [k, nk] of margins) expected += nc * nk * delta(c, k);
	if (n < 2 || expected === 0) return null;
	// Do = observed / n and De = expected / (n (n - 1)).
	return { value: 1 - ((n - 1) * observed) / expected, units: pairable.length, pairable: n };
}

/** One rating of one response on one skill. */
export type SkillRating = { responseId: string; raterId: string; skill: string; score: number };
export type SkillAgreement = { skill: string; alpha: number | null; icc: number | null; responses: number; raters: number; ratings: number };

/**
 * Per skill, the agreement among everyone who rated the same responses: alpha (interval) always, ICC(2,1) too
 * when every response was rated by the same raters. Only responses rated by two or more people count, and a
 * skill shows a coefficient only from MIN_GROUP such responses.
 */
export function agreementBySkill(ratings: readonly SkillRating[], skills: readonly string[]): SkillAgreement[] {
	return skills.map((skill) => {
		const byResponse = new Map<string, Map<string, number>>();
		for (const r of ratings) {
			if (r.skill !== skill) continue;
			const given = byResponse.get(r.responseId) ?? new Map<string, number>();
			given.set(r.raterId, r.score);
			byResponse.set(r.responseId, given);
		}
		const shared = [...byResponse.values()].filter((given) => given.size >= 2);
		const raters = new Set(shared.flatMap((given) => [...given.keys()]));
		const ratingsCount = shared.reduce((sum, given) => sum + given.size, 0);
		const computed = fromGroup(shared, (group) => {
			const alpha = krippendorffAlpha(group.map((given) => [...given.values()]))?.value ?? null;
			const order = [...raters].sort();
			const complete = group.every((given) => given.size === order.length);
			const icc = complete ? icc21(group.map((given) => order.map((id) => given.get(id) ?? NaN))) : null;
			return { alpha, icc };
		});
		return { skill, alpha: computed?.alpha ?? null, icc: computed?.icc ?? null, responses: shared.length, raters: raters.size, ratings: ratingsCount };
	});
}
