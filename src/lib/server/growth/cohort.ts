/**
 * The cohort report's rows from the database (issue 16): rated test responses, self-efficacy answers and handed-in
 * tests of a set of learners, passed to report.ts. Every rating counts in the means; only ratings by raters who had
 * calibrated count in the agreement between raters (an uncalibrated rater's scale is not yet known).
 */
import { and, eq, getTableName, inArray, isNotNull, sql, type Column, type SQLWrapper } from 'drizzle-orm';
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

/** A column with its table's name: drizzle names a one-table select's columns bare, also in a correlated subquery, where that would be the inner table's. */
const qualified = (column: Column) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;

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
 * The report of a cohort's current members in two statements, sent at once: the ratings, chosen by membership in the
 * database, and the members themselves, each with their handed-in tests and self-efficacy answers gathered in the row
 * (so that the page's other reads fit in its five statements, issue 19).
 */
export async function cohortGrowthOf(db: Pick<Db, 'select'>, cohortId: string, skills: readonly string[]) {
	const members = db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
	const [ratings, memberRows] = await Promise.all([
		ratingsOf(db, members),
		db
			.select({
				learnerId: cohortMembers.learnerId,
				phases: sql<TestScore['phase'][]>`coalesce((select array_agg(${performanceTests.phase}) from ${performanceTests}
					where ${performanceTests.learnerId} = ${qualified(cohortMembers.learnerId)} and ${performanceTests.completedAt} is not null), '{}')`,
				answers: sql<Omit<Rows['answers'][number], 'learnerId'>[]>`coalesce((select json_agg(json_build_object('phase', ${selfEfficacyAnswers.phase},
					'itemId', ${selfEfficacyAnswers.itemId}, 'value', ${selfEfficacyAnswers.value})) from ${selfEfficacyAnswers}
					where ${selfEfficacyAnswers.learnerId} = ${qualified(cohortMembers.learnerId)}), '[]')`
			})
			.from(cohortMembers)
			.where(eq(cohortMembers.cohortId, cohortId))
	]);
	const ids = [...new Set(memberRows.map((m) => m.learnerId))];
	if (ids.length === 0) return { report: null, agreement: [] };
	const completed = memberRows.flatMap((m) => m.phases.map((phase) => ({ learnerId: m.learnerId, phase })));
	const answers = memberRows.flatMap((m) => m.answers.map((a) => ({ learnerId: m.learnerId, ...a })));
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
