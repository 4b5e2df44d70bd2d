import jStat from 'jstat';
import { describe, expect, it, vi } from 'vitest';
import { pairedChange } from './change';

/**
 * Lakens, D. (2013). Calculating and reporting effect sizes to facilitate cumulative science: a practical primer
 * for t-tests and ANOVAs. Frontiers in Psychology, 4, 863. Its within-subjects example: ten people rate two
 * movies; the paper reports t(9) = 4.74, d_z = 1.50 and d_av = 1.13. The 95% CI of d_av by Algina & Keselman
 * (2003) is [0.42, 1.80]: computed for this test with SciPy's noncentral t (scipy.stats.nct, an independent
 * implementation), rescaled as Algina & Keselman describe.
 */
const MOVIE_1 = [9, 7, 8, 9, 8, 9, 9, 10, 9, 9];
const MOVIE_2 = [9, 6, 7, 8, 7, 9, 8, 8, 8, 7];
/** As change from the second rating to the first, so that the difference is positive as in the paper. */
const LAKENS = MOVIE_2.map((before, i): [number, number] => [before, MOVIE_1[i] ?? NaN]);

describe('paired change', () => {
	it('matches Lakens (2013): mean difference 1.0 and d_av = 1.13, not d_z = 1.50', () => {
		const change = pairedChange(LAKENS);
		expect(change).toMatchObject({ n: 10, meanBefore: 7.7, meanAfter: 8.7 });
		expect(change?.meanDifference).toBeCloseTo(1, 12);
		expect(change?.d).toBeCloseTo(1.13, 2);
		expect(change?.d).toBeCloseTo(1.12588, 5);
	});

	it('gives the Algina & Keselman 95% CI [0.42, 1.80] (SciPy: [0.420714, 1.803987])', () => {
		const ci = pairedChange(LAKENS)?.ci;
		expect(ci?.[0]).toBeCloseTo(0.420714, 5);
		expect(ci?.[1]).toBeCloseTo(1.803987, 5);
	});

	it('by hand: three learners 2→3, 3→5, 1→3', () => {
		// Differences 1, 2, 2: mean 5/3. Before 2, 3, 1: variance 1; after 3, 5, 3: variance 4/3.
		// d_av = (5/3) / sqrt((1 + 4/3) / 2) = 1.543033. The CI (SciPy nct, df 2, t = 5): [0.057280, 3.063779].
		const change = pairedChange([
			[2, 3],
			[3, 5],
			[1, 3]
		]);
		expect(change?.d).toBeCloseTo(1.543033, 5);
		expect(change?.ci?.[0]).toBeCloseTo(0.05728, 4);
		expect(change?.ci?.[1]).toBeCloseTo(3.063779, 4);
	});

	it('is negative for a decline, with the interval mirrored', () => {
		const up = pairedChange(LAKENS);
		const down = pairedChange(LAKENS.map(([b, a]): [number, number] => [a, b]));
		expect(down?.d).toBeCloseTo(-(up?.d ?? NaN), 12);
		expect(down?.ci?.[0]).toBeCloseTo(-(up?.ci?.[1] ?? NaN), 6);
		expect(down?.ci?.[1]).toBeCloseTo(-(up?.ci?.[0] ?? NaN), 6);
	});

	it('gives no interval when every learner changed by the same amount, and no d when no test varies', () => {
		const same = pairedChange([
			[1, 2],
			[2, 3],
			[4, 5]
		]);
		expect(same?.d).toBeCloseTo(1 / Math.sqrt(7 / 3), 12);
		expect(same?.ci).toBeNull();
		expect(
			pairedChange([
				[3, 4],
				[3, 4],
				[3, 4]
			])
		).toMatchObject({ d: null, ci: null, meanDifference: 1 });
	});

	it('finds the CI of a cohort of 150 with a few evaluations of the noncentral t CDF (each costs a series; a cohort report has 14 bounds)', () => {
		const cdf = vi.spyOn(jStat.noncentralt, 'cdf');
		const pairs = Array.from({ length: 150 }, (_, i): [number, number] => [1 + ((i * 37) % 40) / 10, 1.5 + ((i * 53) % 40) / 10]);
		const change = pairedChange(pairs);
		expect(change?.ci).not.toBeNull();
		// Bisection over the whole trusted range took about 40 per bound.
		expect(cdf.mock.calls.length).toBeLessThanOrEqual(20);
		cdf.mockRestore();
	});

	it('searches a bound once: the same change again reads the bounds found, another change searches its own', () => {
		const cdf = vi.spyOn(jStat.noncentralt, 'cdf');
		const pairs = Array.from({ length: 40 }, (_, i): [number, number] => [1 + ((i * 7) % 30) / 10, 1.2 + ((i * 11) % 30) / 10]);
		const first = pairedChange(pairs);
		const searched = cdf.mock.calls.length;
		expect(searched).toBeGreaterThan(0);
		expect(pairedChange(pairs)).toEqual(first);
		expect(cdf.mock.calls.length).toBe(searched);
		const other = pairedChange(pairs.map(([b, a]) => [b, a + 0.3] as [number, number]));
		expect(cdf.mock.calls.length).toBeGreaterThan(searched);
		expect(other?.ci).not.toEqual(first?.ci);
		cdf.mockRestore();
	});

	it('shows nothing below three learners', () => {
		expect(pairedChange(LAKENS.slice(0, 2))).toBeNull();
		expect(pairedChange([])).toBeNull();
	});
});
