/**
 * The cohort report's rows from the database (issue 16): rated test responses, self-efficacy answers and handed-in
 * tests of a set of learners, passed to report.ts. Every rating counts in the means; only ratings by raters who had
 * calibrated count in the agreement between raters (an uncalibrated rater's scale is not yet known).
 */
import { and, eq, inArray, isNotNull, type SQLWrapper } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortMembers, performanceTests, responseRatings, selfEfficacyAnswers, testResponses } from '../db/schema';
import { agreementBySkill, type SkillRating } from '../stats/agreement';
import { cohortReport, type TestScore } from './report';

type Rows = {
	ratings: { responseId: number; raterId: string | null; calibrated: boolean; scores: Record<string, number>; learnerId: string; phase: TestScore['phase'] }[];
	answers: { learnerId: string; phase: TestScore['phase']; itemId: string; value: number }[];
	completed: { learnerId: string; phase: TestScore['phase'] }[];
};

const ratingColumns = {
	responseId: responseRatings.responseId,
	raterId: responseRatings.raterId,
	calibrated: responseRatings.calibrated,
	scores: responseRatings.scores,
	learnerId: testResponses.learnerId,
	phase: testResponses.phase
};
const answerColumns = {
	learnerId: selfEfficacyAnswers.learnerId,
	phase: selfEfficacyAnswers.phase,
	itemId: selfEfficacyAnswers.itemId,
	value: selfEfficacyAnswers.value
};

/** The learners: a list of ids, or a subquery of them (a cohort's members, chosen in the database). */
type Learners = readonly string[] | SQLWrapper;

/** The ratings of the learners' performance-test responses. */
const ratingsOf = (db: Pick<Db, 'select'>, learners: Learners) =>
	db
		.select(ratingColumns)
		.from(responseRatings)
		.innerJoin(testResponses, eq(testResponses.responseId, responseRatings.responseId))
		.where(inArray(testResponses.learnerId, learners));

/** The learners' self-efficacy answers. */
const answersOf = (db: Pick<Db, 'select'>, learners: Learners) =>
	db.select(answerColumns).from(selfEfficacyAnswers).where(inArray(selfEfficacyAnswers.learnerId, learners));

/** The report of a set of learners. */
export async function cohortGrowth(db: Pick<Db, 'select'>, learnerIds: readonly string[], skills: readonly string[]) {
	const ids = [...new Set(learnerIds)];
	if (ids.length === 0) return { report: null, agreement: [] };
	const [ratings, answers, completed] = await Promise.all([
		ratingsOf(db, ids),
		answersOf(db, ids),
		db
			.select({ learnerId: performanceTests.learnerId, phase: performanceTests.phase })
			.from(performanceTests)
			.where(and(inArray(performanceTests.learnerId, ids), isNotNull(performanceTests.completedAt)))
	]);
	return growthOf(ids, { ratings, answers, completed }, skills);
}

/**
 * The report of a cohort's current members in three statements, sent at once: the members come with their handed-in
 * tests (a left join), and the ratings and self-efficacy answers are chosen by membership in the database.
 */
export async function cohortGrowthOf(db: Pick<Db, 'select'>, cohortId: string, skills: readonly string[]) {
	const members = db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
	const [ratings, answers, memberTests] = await Promise.all([
		ratingsOf(db, members),
		answersOf(db, members),
		db
			.select({ learnerId: cohortMembers.learnerId, phase: performanceTests.phase })
			.from(cohortMembers)
			.leftJoin(performanceTests, and(eq(performanceTests.learnerId, cohortMembers.learnerId), isNotNull(performanceTests.completedAt)))
			.where(eq(cohortMembers.cohortId, cohortId))
	]);
	const ids = [...new Set(memberTests.map((m) => m.learnerId))];
	if (ids.length === 0) return { report: null, agreement: [] };
	const completed = memberTests.flatMap((m) => (m.phase ? [{ learnerId: m.learnerId, phase: m.phase }] : []));
	return growthOf(ids, { ratings, answers, completed }, skills);
}

function growthOf(ids: string[], { ratings, answers, completed }: Rows, skills: readonly string[]) {
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
