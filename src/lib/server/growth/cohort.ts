/**
 * The cohort report's rows from the database (issue 16): rated test responses, self-efficacy answers and handed-in
 * tests of a set of learners, passed to report.ts. Every rating counts in the means; only ratings by raters who had
 * calibrated count in the agreement between raters (an uncalibrated rater's scale is not yet known).
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { performanceTests, responseRatings, selfEfficacyAnswers, testResponses } from '../db/schema';
import { agreementBySkill, type SkillRating } from '../stats/agreement';
import { cohortReport, type TestScore } from './report';

export async function cohortGrowth(db: Pick<Db, 'select'>, learnerIds: readonly string[], skills: readonly string[]) {
	const ids = [...new Set(learnerIds)];
	if (ids.length === 0) return { report: null, agreement: [] };
	const [ratings, answers, completed] = await Promise.all([
		db
			.select({
				responseId: responseRatings.responseId,
				raterId: responseRatings.raterId,
				calibrated: responseRatings.calibrated,
				scores: responseRatings.scores,
				learnerId: testResponses.learnerId,
				phase: testResponses.phase
			})
			.from(responseRatings)
			.innerJoin(testResponses, eq(testResponses.responseId, responseRatings.responseId))
			.where(inArray(testResponses.learnerId, ids)),
		db
			.select({
				learnerId: selfEfficacyAnswers.learnerId,
				phase: selfEfficacyAnswers.phase,
				itemId: selfEfficacyAnswers.itemId,
				value: selfEfficacyAnswers.value
			})
			.from(selfEfficacyAnswers)
			.where(inArray(selfEfficacyAnswers.learnerId, ids)),
		db
			.select({ learnerId: performanceTests.learnerId, phase: performanceTests.phase })
			.from(performanceTests)
			.where(and(inArray(performanceTests.learnerId, ids), isNotNull(performanceTests.completedAt)))
	]);
	const scores: TestScore[] = ratings.flatMap((r) =>
		skills.flatMap((skill) => (typeof r.scores[skill] === 'number' ? [{ learnerId: r.learnerId, phase: r.phase, skill, score: r.scores[skill] }] : []))
	);
	const report = cohortReport({ learnerIds: ids, skills, scores, selfEfficacy: answers, completions: completed });
	if (!report) return { report: null, agreement: [] };
	const forAgreement: SkillRating[] = ratings.flatMap((r) =>
		r.calibrated && r.raterId
			? skills.flatMap((skill) =>
					typeof r.scores[skill] === 'number' ? [{ responseId: String(r.responseId), raterId: r.raterId ?? '', skill, score: r.scores[skill] }] : []
				)
			: []
	);
	return { report, agreement: agreementBySkill(forAgreement, skills) };
}
export type CohortGrowth = Awaited<ReturnType<typeof cohortGrowth>>;
