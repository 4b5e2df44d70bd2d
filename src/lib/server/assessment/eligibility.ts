/**
 * Whether a learner has earned a certificate (issue 17): a passed attempt at the final test AND a completed
 * evaluation. The certificate dates from the first passed attempt; a later retake cannot move that date.
 */
import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { testAttempts, testEvaluations } from '../db/schema';

export type Eligibility = { attemptId: number; passedAt: Date; score: number; evaluationId: number };

export async function certificateEligibility(db: Db, learnerId: string): Promise<Eligibility | null> {
	const [[passed], [evaluation]] = await Promise.all([
		db
			.select({ id: testAttempts.id, submittedAt: testAttempts.submittedAt, score: testAttempts.score })
			.from(testAttempts)
			.where(and(eq(testAttempts.learnerId, learnerId), eq(testAttempts.passed, true), isNotNull(testAttempts.submittedAt)))
			.orderBy(asc(testAttempts.submittedAt))
			.limit(1),
		db
			.select({ id: testEvaluations.id })
			.from(testEvaluations)
			.where(eq(testEvaluations.learnerId, learnerId))
			.orderBy(desc(testEvaluations.createdAt))
			.limit(1)
	]);
	if (!passed?.submittedAt || passed.score === null || !evaluation) return null;
	return { attemptId: passed.id, passedAt: passed.submittedAt, score: passed.score, evaluationId: evaluation.id };
}
