import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import { item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { createUser } from '../../src/lib/server/auth/accounts';
import { answerQuestion, quizAttemptsOf, retakeQuiz } from '../../src/lib/server/learning/quizzes';
import { reviseAnswer } from '../../src/lib/server/learning/self-rating';

describe.each(drivers)('changing a self-rating answer on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let learner = '';
	const quiz = item('quiz', 'quiz');

	beforeAll(async () => {
		database = await freshDatabase(driver);
		learner = (await createUser(database.db, { email: 'r@example.nl', displayName: 'R', password: 'een lange zin hier' }))?.id ?? '';
	});
	afterAll(async () => database?.drop());

	it('changes the answer in the same row of the current attempt, and a retried post writes nothing again', async () => {
		expect(await answerQuestion(database.db, learner, quiz, 'stelling', 6)).toBe(true);
		// The quiz's own answer action keeps a first answer...
		expect(await answerQuestion(database.db, learner, quiz, 'stelling', 2)).toBe(false);
		// ...the self-rating's change replaces it.
		await reviseAnswer(database.db, learner, quiz, 'stelling', 2, 'revise-key-0000000001');
		let [attempt] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(attempt?.attempt).toBe(1);
		expect(attempt?.answers.get('stelling')).toBe(2);
		expect(attempt?.answers.size).toBe(1);

		await reviseAnswer(database.db, learner, quiz, 'stelling', 7, 'revise-key-0000000002');
		await reviseAnswer(database.db, learner, quiz, 'stelling', 3, 'revise-key-0000000002');
		[attempt] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(attempt?.answers.get('stelling')).toBe(7);
	});

	it('saves a first answer when there is none to change, and changes only the current attempt', async () => {
		await retakeQuiz(database.db, learner, quiz);
		await reviseAnswer(database.db, learner, quiz, 'stelling', 4);
		const [current, earlier] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(current?.attempt).toBe(2);
		expect(current?.answers.get('stelling')).toBe(4);
		expect(earlier?.answers.get('stelling')).toBe(7);
	});
});
