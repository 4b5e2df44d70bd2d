/**
 * How closely one rater's scores on the calibration set match the expert anchors, per rubric skill: the share
 * of exact matches and of matches within one point, the mean absolute difference, the mean signed difference
 * (above zero: the rater scores more generously than the anchors) and Krippendorff's alpha (interval) with the
 * rater and the anchors as two coders. Weighted kappa is left out: neither jstat nor simple-statistics offers
 * it, and alpha (interval) answers the same question on this scale.
 */
import jStat from 'jstat';
import { krippendorffAlpha } from './agreement';

/** One calibration response on one skill: the rater's score beside the anchor's. */
export type CalibrationScore = { responseId: string; skill: string; rater: number; anchor: number };

export type Closeness = { n: number; exact: number; withinOne: number; meanAbsoluteDifference: number; meanDifference: number };
export type SkillCalibration = Closeness & { skill: string; alpha: number | null };

function closeness(scores: readonly CalibrationScore[]): Closeness | null {
	if (scores.length === 0) return null;
	const differences = scores.map((s) => s.rater - s.anchor);
	const share = (test: (d: number) => boolean) => differences.filter(test).length / differences.length;
	return {
		n: scores.length,
		exact: share((d) => d === 0),
		withinOne: share((d) => Math.abs(d) <= 1),
		meanAbsoluteDifference: jStat.mean(differences.map(Math.abs)),
		meanDifference: jStat.mean(differences)
	};
}

/** Per skill (those without any score are left out), and over all skills together. */
export function calibrationAgreement(scores: readonly CalibrationScore[], skills: readonly string[]) {
	const perSkill: SkillCalibration[] = skills.flatMap((skill) => {
		const own = scores.filter((s) => s.skill === skill);
		const summary = closeness(own);
		if (!summary) return [];
		const alpha = krippendorffAlpha(own.map((s) => [s.rater, s.anchor]))?.value ?? null;
		return [{ skill, ...summary, alpha }];
	});
	return { perSkill, overall: closeness(scores.filter((s) => skills.includes(s.skill))) };
}
