import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { writeKeys } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { answerQuestion, quizAttemptsOf, retakeQuiz } from '../../src/lib/server/learning/quizzes';
import { reflectionsOf, saveReflection } from '../../src/lib/server/learning/reflections';
import { parseWriteKey } from '../../src/lib/server/learning/write-keys';
import { newWriteKey } from '../../src/lib/write-key';

describe('a write key from a form', () => {
	it('is a UUID or a short token; absent means none, anything else is refused', () => {
		expect(parseWriteKey(null)).toBeUndefined();
		expect(parseWriteKey('')).toBeUndefined();
		const key = newWriteKey();
		expect(parseWriteKey(key)).toBe(key);
		expect(parseWriteKey('6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b')).toBe('6f1c2b9e-3a4d-4e5f-8a9b-0c1d2e3f4a5b');
		expect(parseWriteKey('kort')).toBeNull();
		expect(parseWriteKey("x'; drop table users; --aaaaaaaa")).toBeNull();
		expect(parseWriteKey('a'.repeat(65))).toBeNull();
	});
});

describe.each(drivers)('retrying a write with its key on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let learner = '';
	const quiz = item('quiz', 'quiz');
	const reflection = item('reflectie', 'reflection');
	const key = reflection.reflectionKey;

	beforeAll(async () => {
		database = await freshDatabase(driver);
		learner = (await createUser(database.db, { email: 'k@example.nl', displayName: 'K', password: 'een lange zin hier' }))?.id ?? '';
	});
	afterAll(async () => database?.drop());

	const stored = async () => (await reflectionsOf(database.db, learner, [key])).get(key);

	it('answers a repeated reflection save with its first outcome: no second version, no false conflict', async () => {
		const k1 = newWriteKey();
		const first = await saveReflection(database.db, learner, { key, item: reflection, body: 'eerste', baseVersion: 0, writeKey: k1 });
		expect(first).toMatchObject({ ok: true, version: 1 });
		// Another tab saves on top before the retry arrives: without the key the retry would be a conflict.
		expect(await saveReflection(database.db, learner, { key, item: reflection, body: 'ander tabblad', baseVersion: 1 })).toMatchObject({
			ok: true,
			version: 2
		});
		expect(await saveReflection(database.db, learner, { key, item: reflection, body: 'eerste', baseVersion: 0 })).toMatchObject({ ok: false });
		const retry = await saveReflection(database.db, learner, { key, item: reflection, body: 'eerste', baseVersion: 0, writeKey: k1 });
		expect(retry).toEqual(first);
		expect(await stored()).toMatchObject({ version: 2, body: 'ander tabblad' });

		const k2 = newWriteKey();
		const [a, b] = await Promise.all(
			[0, 1].map(() => saveReflection(database.db, learner, { key, item: reflection, body: 'samen', baseVersion: 2, writeKey: k2 }))
		);
		expect(a).toMatchObject({ ok: true, version: 3 });
		expect(b).toEqual(a);
		expect(await stored()).toMatchObject({ version: 3, body: 'samen' });
	});

	it('gives the key back after a conflict, so the same key can save on the newer version', async () => {
		const k = newWriteKey();
		const stale = await saveReflection(database.db, learner, { key, item: reflection, body: 'verouderd', baseVersion: 1, writeKey: k });
		expect(stale).toMatchObject({ ok: false, conflict: { version: 3 } });
		expect(await saveReflection(database.db, learner, { key, item: reflection, body: 'toch de mijne', baseVersion: 3, writeKey: k })).toMatchObject({
			ok: true,
			version: 4
		});
		expect(await stored()).toMatchObject({ version: 4, body: 'toch de mijne' });
	});

	it('does not answer a question again in a new attempt when an old answer is retried', async () => {
		const k = newWriteKey();
		expect(await answerQuestion(database.db, learner, quiz, 'een', 'b', k)).toBe(true);
		await answerQuestion(database.db, learner, quiz, 'schat', 60);
		await retakeQuiz(database.db, learner, quiz);
		expect(await answerQuestion(database.db, learner, quiz, 'een', 'b', k)).toBe(true);
		const [latest, earlier] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(latest?.answers.size).toBe(0);
		expect(earlier?.answers.get('een')).toBe('b');
		// A fresh key is a new answer, in the new attempt.
		expect(await answerQuestion(database.db, learner, quiz, 'een', 'a', newWriteKey())).toBe(true);
		const [now] = await quizAttemptsOf(database.db, learner, quiz.id);
		expect(now?.answers.get('een')).toBe('a');
		const keys = await database.db
			.select()
			.from(writeKeys)
			.where(and(eq(writeKeys.userId, learner), like(writeKeys.key, 'answer:%')));
		expect(keys).toHaveLength(2);
	});
});
