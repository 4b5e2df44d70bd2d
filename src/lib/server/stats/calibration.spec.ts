import { describe, expect, it } from 'vitest';
import { calibrationAgreement, type CalibrationScore } from './calibration';

const score = (responseId: string, skill: string, rater: number, anchor: number): CalibrationScore => ({ responseId, skill, rater, anchor });

describe('calibration agreement with the anchors', () => {
	// By hand, skill "regie": differences 0, +1, -2, 0 → exact 2/4, within one 3/4, mean |d| 3/4, mean d -1/4.
	const scores = [
		score('k1', 'regie', 3, 3),
		score('k2', 'regie', 5, 4),
		score('k3', 'regie', 1, 3),
		score('k4', 'regie', 2, 2),
		score('k1', 'betekenis', 4, 4),
		score('k2', 'betekenis', 2, 2),
		score('k3', 'betekenis', 5, 5)
	];

	it('per skill: exact, within one, mean absolute and signed difference', () => {
		const { perSkill } = calibrationAgreement(scores, ['regie', 'betekenis']);
		expect(perSkill[0]).toMatchObject({ skill: 'regie', n: 4, exact: 0.5, withinOne: 0.75, meanAbsoluteDifference: 0.75, meanDifference: -0.25 });
		expect(perSkill[1]).toMatchObject({ skill: 'betekenis', n: 3, exact: 1, withinOne: 1, meanAbsoluteDifference: 0, alpha: 1 });
	});

	it("alpha (interval) with rater and anchors as two coders, by hand for 'regie'", () => {
		// Pairs (3,3) (5,4) (1,3) (2,2): observed Σδ² over ordered pairs = 2 × (1 + 4) = 10; values 3,3,5,4,1,3,2,2 (n = 8):
		// Σ over ordered value pairs of (c-k)² = 2 × n × Σ(x - mean)² = 2 × 8 × 10.875 = 174; alpha = 1 - 7 × 10 / 174.
		const regie = calibrationAgreement(scores, ['regie']).perSkill[0];
		expect(regie?.alpha).toBeCloseTo(1 - 70 / 174, 12);
	});

	it('over all skills asked for, and nothing for a skill without scores', () => {
		const result = calibrationAgreement(scores, ['regie', 'betekenis', 'eigen-emotie']);
		expect(result.perSkill.map((s) => s.skill)).toEqual(['regie', 'betekenis']);
		expect(result.overall).toMatchObject({ n: 7, exact: 5 / 7, withinOne: 6 / 7 });
		expect(calibrationAgreement(scores, ['eigen-emotie'])).toEqual({ perSkill: [], overall: null });
	});
});
