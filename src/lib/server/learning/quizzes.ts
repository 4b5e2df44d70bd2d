import { and, desc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedAnywhere } from '../db/prepared';
import { quizAnswers, quizAttempts, type QuizAnswerValue } from '../db/schema';
import type { Quiz } from '../content';
import { touchItem } from './progress';
import { recordQuizAnswer } from '../xapi/record';
import { claimWriteKey, settleWriteKey } from './write-keys';

/** The question ids answered in an attempt (for the attempt row it is selected with). */
const givenIn = sql<
	string[]
>`(select coalesce(array_agg(${quizAnswers.questionId}), '{}')::text[] from ${quizAnswers} where ${quizAnswers.attemptId} = ${quizAttempts.id})`;

/** The current attempt, locked, with the questions already answered in it: one statement instead of two. */
const currentAttemptQuery = preparedAnywhere((db) =>
	db
		.select({ ...getTableColumns(quizAttempts), given: givenIn })
		.from(quizAttempts)
		.where(and(eq(quizAttempts.learnerId, sql.placeholder('learnerId')), eq(quizAttempts.quizId, sql.placeholder('quizId'))))
		.orderBy(desc(quizAttempts.attempt))
		.limit(1)
		.for('update')
		.prepare('current_quiz_attempt')
);

const insertAnswerQuery = preparedAnywhere((db) =>
	db
		.insert(quizAnswers)
		.values({
			attemptId: sql.placeholder('attemptId'),
			questionId: sql.placeholder('questionId'),
			answer: sql.placeholder('answer'),
			contentVersion: sql.placeholder('contentVersion')
		})
		.onConflictDoNothing()
		.returning({ questionId: quizAnswers.questionId })
		.prepare('insert_quiz_answer')
);

export type QuizAttempt = typeof quizAttempts.$inferSelect & { answers: Map<string, QuizAnswerValue> };

/** Questions that count towards finishing a quiz (reflections are saved as reflections, and are optional). */
export function answerable(quiz: Quiz) {
	return quiz.questions.filter((q) => q.kind !== 'reflection');
}

export async function quizAttemptsOf(db: Db, learnerId: string, quizId: string): Promise<QuizAttempt[]> {
	const attempts = await db
		.select()
		.from(quizAttempts)
		.where(and(eq(quizAttempts.learnerId, learnerId), eq(quizAttempts.quizId, quizId)))
		.orderBy(desc(quizAttempts.attempt));
	if (attempts.length === 0) return [];
	const answers = await db
		.select()
		.from(quizAnswers)
		.where(
			inArray(
				quizAnswers.attemptId,
				attempts.map((a) => a.id)
			)
		);
	return attempts.map((a) => ({
		...a,
		answers: new Map(answers.filter((x) => x.attemptId === a.id).map((x) => [x.questionId, x.answer]))
	}));
}

/**
 * Saves an answer in the learner's current attempt. An answer, once given, stands for that attempt
 * (the learner has seen the feedback); a repeated post is a no-op. Returns false when it was already answered.
 * With a write key, a retry gets the first outcome and writes nothing, even after a retake began a new attempt.
 */
export async function answerQuestion(db: Db, learnerId: string, quiz: Quiz, questionId: string, value: QuizAnswerValue, writeKey?: string): Promise<boolean> {
	return db.transaction(async (tx) => {
		const scope = `answer:${quiz.id}:${questionId}`;
		// The key's claim and the attempt's read go in one round trip: the read runs after the claim on the server, so a
		// concurrent retry of the key still waits for the first; a repeat reads the attempt for nothing.
		const [seen, [current]] = await Promise.all([
			writeKey ? claimWriteKey<boolean>(tx, learnerId, scope, writeKey) : null,
			currentAttemptQuery(tx).execute({ learnerId, quizId: quiz.id })
		]);
		if (seen) return seen.first;
		const attempt =
			current ?? (await tx.insert(quizAttempts).values({ learnerId, quizId: quiz.id, attempt: 1 }).returning()).map((a) => ({ ...a, given: [] }))[0];
		if (!attempt) throw new Error('quiz attempt not created');
		// Answered now: what was given before, and this question (inserted now, or given before when the insert is a no-op).
		const given = new Set([...attempt.given, questionId]);
		const complete = answerable(quiz).every((q) => given.has(q.id));
		const attemptId = attempt.id;
		// The answer, the attempt's completion and the progress depend only on the attempt read above: sent together,
		// postgres.js writes them in one go and waits for one round trip instead of three (PGlite runs them in turn).
		const [inserted] = await Promise.all([
			insertAnswerQuery(tx).execute({ attemptId, questionId, answer: value, contentVersion: quiz.version }),
			complete && !attempt.completedAt ? tx.update(quizAttempts).set({ completedAt: new Date() }).where(eq(quizAttempts.id, attemptId)) : null,
			touchItem(tx, learnerId, quiz, complete ? 'completed' : 'started')
		]);
		await Promise.all([
			inserted.length > 0 ? recordQuizAnswer(tx, learnerId, quiz, attempt, questionId, value) : null,
			writeKey ? settleWriteKey(tx, learnerId, scope, writeKey, inserted.length > 0) : null
		]);
		return inserted.length > 0;
	});
}

/** A new, empty attempt; earlier ones are kept. Nothing happens while the current attempt is still empty. */
export async function retakeQuiz(db: Db, learnerId: string, quiz: Quiz): Promise<void> {
	const [latest] = await quizAttemptsOf(db, learnerId, quiz.id);
	if (latest && latest.answers.size === 0) return;
	await db
		.insert(quizAttempts)
		.values({ learnerId, quizId: quiz.id, attempt: (latest?.attempt ?? 0) + 1 })
		.onConflictDoNothing();
}
