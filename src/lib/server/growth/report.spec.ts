import { describe, expect, it } from 'vitest';
import { pairedChange } from '../stats/change';
import { cohortReport, type ConfidenceAnswer, type Phase, type TestScore } from './report';

const SKILLS = ['bij-de-emotie', 'regie'];
const score = (learnerId: string, phase: Phase, skill: string, value: number): TestScore => ({ learnerId, phase, skill, score: value });
const confidence = (learnerId: string, phase: Phase, value: number, itemId = 'ze-een'): ConfidenceAnswer => ({ learnerId, phase, itemId, value });

// Three learners. On bij-de-emotie each has two ratings per phase (two drills), averaged first:
// ann pre (2+2)/2 = 2, post (3+4)/2 = 3.5; bob pre 3, post 5; cas pre 1, post 3 (by hand).
const scores: TestScore[] = [
	score('ann', 'pre', 'bij-de-emotie', 2),
	score('ann', 'pre', 'bij-de-emotie', 2),
	score('ann', 'post', 'bij-de-emotie', 3),
	score('ann', 'post', 'bij-de-emotie', 4),
	score('bob', 'pre', 'bij-de-emotie', 3),
	score('bob', 'post', 'bij-de-emotie', 5),
	score('cas', 'pre', 'bij-de-emotie', 1),
	score('cas', 'post', 'bij-de-emotie', 3),
	// regie: post for only two learners, so no post mean and no change; retention for nobody.
	score('ann', 'pre', 'regie', 2),
	score('bob', 'pre', 'regie', 4),
	score('cas', 'pre', 'regie', 3),
	score('ann', 'post', 'regie', 4),
	score('bob', 'post', 'regie', 4),
	// Someone outside the cohort never counts.
	score('eve', 'pre', 'regie', 5)
];
const input = {
	learnerIds: ['ann', 'bob', 'cas'],
	skills: SKILLS,
	scores,
	selfEfficacy: [
		confidence('ann', 'pre', 2),
		confidence('ann', 'pre', 4, 'ze-twee'),
		confidence('bob', 'pre', 4),
		confidence('cas', 'pre', 3),
		confidence('ann', 'post', 5),
		confidence('bob', 'post', 6),
		confidence('cas', 'post', 4)
	],
	completions: [
		{ learnerId: 'ann', phase: 'pre' as const },
		{ learnerId: 'bob', phase: 'pre' as const },
		{ learnerId: 'cas', phase: 'pre' as const },
		{ learnerId: 'ann', phase: 'post' as const },
		{ learnerId: 'bob', phase: 'post' as const },
		{ learnerId: 'cas', phase: 'post' as const },
		{ learnerId: 'eve', phase: 'post' as const }
	]
};

describe('the cohort report', () => {
	it('per skill: the means of the learners’ own means, and the paired change from them', () => {
		const report = cohortReport(input);
		const emotion = report?.skills[0];
		expect(emotion?.skill).toBe('bij-de-emotie');
		expect(emotion?.pre).toEqual({ mean: 2, n: 3 });
		expect(emotion?.post?.mean).toBeCloseTo(11.5 / 3, 12);
		expect(emotion?.change).toEqual(
			pairedChange([
				[2, 3.5],
				[3, 5],
				[1, 3]
			])
		);
		expect(emotion?.change?.meanDifference).toBeCloseTo(5.5 / 3, 12);
		expect(emotion?.retention).toBeNull();
		expect(emotion?.retained).toBeNull();
	});

	it('k >= 3 per figure: two learners with a post score give no post mean and no change', () => {
		const regie = cohortReport(input)?.skills[1];
		expect(regie?.pre).toEqual({ mean: 3, n: 3 });
		expect(regie?.post).toBeNull();
		expect(regie?.change).toBeNull();
	});

	it('self-efficacy: items averaged per learner first, then the change', () => {
		const { selfEfficacy } = cohortReport(input)!;
		expect(selfEfficacy.pre).toEqual({ mean: 10 / 3, n: 3 });
		expect(selfEfficacy.post).toEqual({ mean: 5, n: 3 });
		expect(selfEfficacy.change?.meanDifference).toBeCloseTo(5 / 3, 12);
	});

	it('completion: handed-in tests and rated tests per phase, members only', () => {
		const report = cohortReport(input)!;
		expect(report.learners).toBe(3);
		expect(report.completed).toEqual({ pre: 3, post: 3, retention: 0 });
		expect(report.rated).toEqual({ pre: 3, post: 3, retention: 0 });
	});

	it('k >= 3 for the cohort: two learners get no report at all, whatever their data', () => {
		expect(cohortReport({ ...input, learnerIds: ['ann', 'bob'] })).toBeNull();
		expect(cohortReport({ ...input, learnerIds: ['ann', 'bob', 'bob'] })).toBeNull();
	});
});
