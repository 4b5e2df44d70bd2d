import { describe, expect, it } from 'vitest';
import { agreementBySkill, icc21, krippendorffAlpha, type SkillRating } from './agreement';

/**
 * Shrout, P. E., & Fleiss, J. L. (1979). Intraclass correlations: uses in assessing rater reliability.
 * Psychological Bulletin, 86(2), 420-428. Their worked example: 6 targets rated by 4 judges; the paper reports
 * the mean squares BMS 11.24, JMS 32.49, EMS 1.02 and ICC(1,1) = .17, ICC(2,1) = .29, ICC(3,1) = .71.
 * (The same matrix is the `sf` example of R's psych::ICC, which reproduces ICC(2,1) = 0.29.)
 */
const SHROUT_FLEISS = [
	[9, 2, 5, 8],
	[6, 1, 3, 2],
	[8, 4, 6, 8],
	[7, 1, 2, 6],
	[10, 5, 6, 9],
	[6, 2, 4, 7]
];

/**
 * Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability (Annenberg School for Communication,
 * University of Pennsylvania, departmental paper 43): reliability data of 4 observers (A-D) × 12 units with
 * missing values (null), for which the paper reports alpha = 0.743 (nominal) and 0.849 (interval).
 */
const N = null;
const KRIPPENDORFF_OBSERVERS = [
	[1, 2, 3, 3, 2, 1, 4, 1, 2, N, N, N],
	[1, 2, 3, 3, 2, 2, 4, 1, 2, 5, N, 3],
	[N, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, N],
	[1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, N]
];
/** The same data unit by unit, as the function takes it. */
const KRIPPENDORFF_UNITS = KRIPPENDORFF_OBSERVERS[0]!.map((_, u) => KRIPPENDORFF_OBSERVERS.map((observer) => observer[u] ?? null));

describe('ICC(2,1)', () => {
	it('matches Shrout & Fleiss (1979): ICC(2,1) = .29, not their .17 (one-way) or .71 (consistency)', () => {
		const icc = icc21(SHROUT_FLEISS);
		expect(icc).toBeCloseTo(0.29, 2);
		// Full precision from their mean squares: (11.2417 - 1.0194) / (11.2417 + 3 × 1.0194 + 4 × (32.4861 - 1.0194) / 6).
		expect(icc).toBeCloseTo(0.28976, 5);
	});

	it('is 1 when the raters agree exactly, and absolute: a rater one point milder everywhere lowers it', () => {
		expect(
			icc21([
				[1, 1],
				[3, 3],
				[5, 5]
			])
		).toBeCloseTo(1, 10);
		expect(
			icc21([
				[1, 2],
				[3, 4],
				[5, 6]
			])
		).toBeLessThan(1);
	});

	it('gives nothing for a gap, a single rater or target, or no variance at all', () => {
		expect(icc21([[1, 2], [3]])).toBeNull();
		expect(icc21([[1], [2], [3]])).toBeNull();
		expect(icc21([[1, 2, 3]])).toBeNull();
		expect(
			icc21([
				[3, 3],
				[3, 3],
				[3, 3]
			])
		).toBeNull();
	});
});

describe("Krippendorff's alpha", () => {
	it('matches Krippendorff (2011): 0.743 nominal and 0.849 interval, with missing values', () => {
		expect(krippendorffAlpha(KRIPPENDORFF_UNITS, 'nominal')?.value).toBeCloseTo(0.743, 3);
		expect(krippendorffAlpha(KRIPPENDORFF_UNITS, 'interval')?.value).toBeCloseTo(0.849, 3);
	});

	it('counts the pairable values as the paper does: unit 12 (one value) drops out, n = 40', () => {
		expect(krippendorffAlpha(KRIPPENDORFF_UNITS)).toMatchObject({ units: 11, pairable: 40 });
	});

	it('does not depend on the order of raters within a unit, nor of units', () => {
		const shuffled = KRIPPENDORFF_UNITS.map((u) => [...u].reverse()).reverse();
		expect(krippendorffAlpha(shuffled)?.value).toBeCloseTo(krippendorffAlpha(KRIPPENDORFF_UNITS)?.value ?? NaN, 12);
	});

	it('is 1 for perfect agreement and nothing when every value is the same', () => {
		expect(
			krippendorffAlpha([
				[1, 1],
				[2, 2],
				[4, 4, 4]
			])?.value
		).toBe(1);
		expect(
			krippendorffAlpha([
				[3, 3],
				[3, 3]
			])
		).toBeNull();
		expect(krippendorffAlpha([[3], [4]])).toBeNull();
	});
});

describe('agreement per skill', () => {
	const rate = (responseId: string, raterId: string, score: number, skill = 'regie'): SkillRating => ({ responseId, raterId, skill, score });

	it('uses only responses rated twice or more, and shows nothing below three of them', () => {
		const two = [rate('r1', 'a', 2), rate('r1', 'b', 3), rate('r2', 'a', 4), rate('r2', 'b', 4), rate('r3', 'a', 5)];
		const [shown] = agreementBySkill(two, ['regie']);
		expect(shown).toMatchObject({ skill: 'regie', responses: 2, alpha: null, icc: null });
	});

	it('computes alpha and, when the same raters rated every response, ICC(2,1), as the coefficients themselves do', () => {
		const ratings = SHROUT_FLEISS.flatMap((row, target) => row.map((score, judge) => rate(`t${target}`, `j${judge}`, score)));
		const [shown] = agreementBySkill(ratings, ['regie']);
		expect(shown?.icc).toBeCloseTo(0.28976, 5);
		expect(shown?.alpha).toBeCloseTo(krippendorffAlpha(SHROUT_FLEISS)?.value ?? NaN, 12);
		expect(shown).toMatchObject({ responses: 6, raters: 4, ratings: 24 });
	});

	it('gives alpha but no ICC when raters differ between responses, and keeps skills apart', () => {
		const ratings = KRIPPENDORFF_OBSERVERS.flatMap((observer, o) =>
			observer.flatMap((score, u) => (score === null ? [] : [rate(`u${u}`, `o${o}`, score), rate(`u${u}`, `o${o}`, 1, 'betekenis')]))
		);
		const [regie, betekenis] = agreementBySkill(ratings, ['regie', 'betekenis']);
		expect(regie?.alpha).toBeCloseTo(0.849, 3);
		expect(regie?.icc).toBeNull();
		expect(betekenis).toMatchObject({ skill: 'betekenis', alpha: null, responses: 11 });
	});
});
