/**
 * The participant evaluation after a submitted attempt (issue 17): the questions registers ask
 * (relevance to practice, objectives met, quality of the content, the study load as experienced, the
 * hours spent) and free comments. One per attempt; sending it again replaces it.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { testAttempts, testEvaluations } from '../db/schema';

export const EVALUATION_RATINGS = ['relevance', 'objectivesMet', 'contentQuality', 'studyLoad'] as const;
export type EvaluationRating = (typeof EVALUATION_RATINGS)[number];
export const COMMENTS_MAX = 4000;
export const HOURS_MAX = 200;

const rating = z.coerce.number({ error: 'error_toets_rating' }).int('error_toets_rating').min(1, 'error_toets_rating').max(5, 'error_toets_rating');
/** Hours as a number, with a decimal comma or point (Dutch learners write "2,5"). */
const hours = z
	.string({ error: 'error_toets_hours' })
	.trim()
	.regex(/^\d{1,3}([.,]\d{1,2})?$/, 'error_toets_hours')
	.transform((s) => Number(s.replace(',', '.')))
	.refine((h) => h > 0 && h <= HOURS_MAX, 'error_toets_hours');

export const evaluationSchema = z.object({
	relevance: rating,
	objectivesMet: rating,
	contentQuality: rating,
	studyLoad: rating,
	hoursSpent: hours,
	comments: z.string({ error: 'error_toets_comments' }).trim().max(COMMENTS_MAX, 'error_toets_comments').optional().default('')
});
export type EvaluationInput = z.infer<typeof evaluationSchema>;

/** The learner's evaluation of an attempt, if they gave one. */
export async function evaluationOf(db: Db, learnerId: string, attemptId: number) {
	const [row] = await db
		.select()
		.from(testEvaluations)
		.where(and(eq(testEvaluations.learnerId, learnerId), eq(testEvaluations.attemptId, attemptId)));
	return row ?? null;
}

/** Saves (or replaces) the evaluation of the learner's own submitted attempt; false when there is no such attempt. */
export async function saveEvaluation(db: Db, learnerId: string, attemptId: number, input: EvaluationInput, contentVersion: string): Promise<boolean> {
	const [attempt] = await db
		.select({ id: testAttempts.id })
		.from(testAttempts)
		.where(and(eq(testAttempts.id, attemptId), eq(testAttempts.learnerId, learnerId), isNotNull(testAttempts.submittedAt)));
	if (!attempt) return false;
	const values = { ...input, contentVersion };
	await db
		.insert(testEvaluations)
		.values({ learnerId, attemptId, ...values })
		.onConflictDoUpdate({ target: testEvaluations.attemptId, set: { ...values, createdAt: new Date() } });
	return true;
}
