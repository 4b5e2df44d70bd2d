/**
 * The self-rating: a quiz of opinions only (attitude statements and rating scales, plus optional
 * reflections), played one statement per screen. Its answers are ordinary quiz answers (quizzes.ts);
 * this module decides which screen a URL shows and lets a learner change an opinion given earlier.
 */
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { quizAnswers, quizAttempts, type QuizAnswerValue } from '../db/schema';
import type { Quiz } from '../content';
import { answerable, answerQuestion } from './quizzes';
import { claimWriteKey, settleWriteKey } from './write-keys';

/** The query parameter that names the statement on screen (1-based). */
export const STEP_PARAM = 's';

/** A quiz is a self-rating when nothing in it has a right answer: every question is an opinion or a reflection. */
export function isSelfRating(quiz: Quiz): boolean {
	const rated = answerable(quiz);
	return rated.length > 1 && rated.every((q) => q.kind === 'attitude' || q.kind === 'scale');
}

/**
 * The statement a request shows (1-based), or null for the summary. Without a step, or past the first
 * unanswered statement, it is the first unanswered one: statements are taken in order, and the summary
 * (which shows every figure) only once all are answered.
 */
export function selfRatingStep(answered: boolean[], requested: string | null): number | null {
	const firstOpen = answered.indexOf(false) + 1;
	const step = Number(requested);
	if (requested === null || !Number.isInteger(step) || step < 1) return firstOpen || null;
	if (firstOpen > 0 && step > firstOpen) return firstOpen;
	return step > answered.length ? null : step;
}

/** Where the learner goes after answering `questionId`: the next statement (which reveals this one's figure). */
export function stepAfter(quiz: Quiz, questionId: string): number {
	return answerable(quiz).findIndex((q) => q.id === questionId) + 2;
}

/** The 1-based step of a statement. */
export function stepOf(quiz: Quiz, questionId: string): number {
	return answerable(quiz).findIndex((q) => q.id === questionId) + 1;
}

/**
 * Changes an opinion given earlier in the current attempt (there is no right answer to protect), or
 * saves it as a first answer. Same table, same row: progress and the supervisor's views read it as before.
 * A retried post with the same write key writes nothing again.
 */
export async function reviseAnswer(db: Db, learnerId: string, quiz: Quiz, questionId: string, value: QuizAnswerValue, writeKey?: string): Promise<void> {
	const revised = await db.transaction(async (tx) => {
		const scope = `revise:${quiz.id}:${questionId}`;
		if (writeKey && (await claimWriteKey<boolean>(tx, learnerId, scope, writeKey))) return true;
		const [attempt] = await tx
			.select({ id: quizAttempts.id })
			.from(quizAttempts)
			.where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.quizId, quiz.id)))
			.orderBy(desc(quizAttempts.attempt))
			.limit(1)
			.for('update');
		const updated = attempt
			? await tx
					.update(quizAnswers)
					.set({ answer: value, contentVersion: quiz.version, answeredAt: new Date() })
					.where(and(eq(quizAnswers.attemptId, attempt.id), eq(quizAnswers.questionId, questionId)))
					.returning({ id: quizAnswers.questionId })
			: [];
		if (writeKey) await settleWriteKey(tx, learnerId, scope, writeKey, updated.length > 0);
		return updated.length > 0;
	});
	if (!revised) await answerQuestion(db, learnerId, quiz, questionId, value, writeKey);
}
