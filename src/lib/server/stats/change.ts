/**
 * Paired change from one test to the next (pre to post, pre to retention) in the same learners.
 *
 * The effect size is Cohen's d_av: the mean difference divided by the average of the two standard deviations
 * (sqrt((s1² + s2²) / 2); Cumming 2012, Lakens 2013). Not d_z (divided by the SD of the differences), because
 * d_z grows with how evenly learners changed, not only with how much: in a cohort of three or four where
 * everyone gains about the same, d_z runs to extreme values and cannot be compared across cohorts or with
 * published training studies, while d_av stays on the scale of differences between learners.
 *
 * Its 95% CI is the Algina & Keselman (2003) approximation: the paired t statistic's noncentrality parameter is
 * bounded by inverting the noncentral t distribution (jstat's CDF, a bracketed search; each bound kept once found), then rescaled from the
 * d_z metric to the d_av metric. It needs the differences to vary; with identical changes it is not given.
 */
import jStat from 'jstat';
import { fromGroup } from './min-group';

export type PairedChange = {
	n: number;
	meanBefore: number;
	meanAfter: number;
	/** after - before, in rubric points */
	meanDifference: number;
	/** Cohen's d_av; null when neither test varies between learners */
	d: number | null;
	/** 95% CI of d_av (Algina & Keselman 2003); null when it cannot be computed (see ciFor) */
	ci: [number, number] | null;
};

/** jstat's noncentral t CDF underflows past a noncentrality of about 37; beyond it no interval is claimed. */
const MAX_NONCENTRALITY = 36;

/**
 * The noncentrality parameter at which P(T <= t) = p for a noncentral t with `dof`, or null out of range.
 * The CDF falls as the noncentrality rises. The normal approximation (t - z_p * sqrt(1 + t² / 2dof)) puts the
 * root within a few hundredths; the search brackets it there, widening only when it must, and regula falsi with the
 * Illinois step closes in with a handful of CDF evaluations where bisection over the whole range needed forty (each
 * costs a series of incomplete beta functions: a cohort report's seven changes spent most of their time here).
 */
function noncentralityFor(t: number, dof: number, p: number): number | null {
	const key = `${t} ${dof} ${p}`;
	if (found.has(key)) return found.get(key) ?? null;
	const ncp = searchNoncentrality(t, dof, p);
	// A report is read again and again between two ratings: the same statistic, the same bound.
	if (found.size >= FOUND_MAX) found.delete(found.keys().next().value ?? '');
	found.set(key, ncp);
	return ncp;
}

/** The bounds already found, oldest first (a Map keeps insertion order): a few thousand numbers at most. */
const found = new Map<string, number | null>();
const FOUND_MAX = 2000;

function searchNoncentrality(t: number, dof: number, p: number): number | null {
	const f = (ncp: number) => jStat.noncentralt.cdf(t, dof, ncp) - p;
	const spread = Math.sqrt(1 + (t * t) / (2 * dof));
	const guess = t - jStat.normal.inv(p, 0, 1) * spread;
	const clamp = (x: number) => Math.max(-MAX_NONCENTRALITY, Math.min(MAX_NONCENTRALITY, x));
	let width = 0.01 * spread;
	let lo = clamp(guess - width);
	let hi = clamp(guess + width);
	let fLo = f(lo);
	let fHi = f(hi);
	while (fLo < 0 && lo > -MAX_NONCENTRALITY) fLo = f((lo = clamp(guess - (width *= 4))));
	while (fHi > 0 && hi < MAX_NONCENTRALITY) fHi = f((hi = clamp(guess + (width *= 4))));
	// The answer must lie inside the trusted range.
	if (fLo < 0 || fHi > 0) return null;
	let side = 0;
	for (let i = 0; i < 100 && hi - lo > 1e-10; i++) {
		const mid = fLo === fHi ? (lo + hi) / 2 : (lo * fHi - hi * fLo) / (fHi - fLo);
		const fMid = f(mid);
		if (Math.abs(fMid) < 1e-10) return mid;
		if (fMid > 0) {
			lo = mid;
			fLo = fMid;
			// The same end kept twice: halve the other end's value so the bracket closes from both sides (Illinois).
			if (side === 1) fHi /= 2;
			side = 1;
		} else {
			hi = mid;
			fHi = fMid;
			if (side === -1) fLo /= 2;
			side = -1;
		}
	}
	return (lo + hi) / 2;
}

/** Paired change over pairs [before, after] of the same learners; nothing below MIN_GROUP pairs. */
export function pairedChange(pairs: readonly (readonly [number, number])[]): PairedChange | null {
	return fromGroup(pairs, (group) => {
		const n = group.length;
		const before = group.map(([b]) => b);
		const after = group.map(([, a]) => a);
		const differences = group.map(([b, a]) => a - b);
		const meanDifference = jStat.mean(differences);
		const vBefore = jStat.variance(before, true);
		const vAfter = jStat.variance(after, true);
		const vDifference = jStat.variance(differences, true);
		const average = Math.sqrt((vBefore + vAfter) / 2);
		const d = average > 0 ? meanDifference / average : null;
		let ci: [number, number] | null = null;
		if (d !== null && vDifference > 0) {
			const t = meanDifference / Math.sqrt(vDifference / n);
			const lower = noncentralityFor(t, n - 1, 0.975);
			const upper = noncentralityFor(t, n - 1, 0.025);
			// From the noncentrality of t to d_av: s_diff² = s1² + s2² - 2 r s1 s2, so the factor is sqrt(2 s_diff² / (n (s1² + s2²))).
			const scale = Math.sqrt((2 * vDifference) / (n * (vBefore + vAfter)));
			if (lower !== null && upper !== null) ci = [lower * scale, upper * scale];
		}
		return { n, meanBefore: jStat.mean(before), meanAfter: jStat.mean(after), meanDifference, d, ci };
	});
}
