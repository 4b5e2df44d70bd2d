/**
 * Learning records over xAPI: statements are queued in the learning writes' own transactions, sent to an
 * LRS double that checks each one against the xAPI 2.0 rules, and survive outages, lost answers and a
 * restart without a loss or a double; a deleted account sends nothing more.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { startLrs, type Lrs } from './xapi/lrs';
import { item } from '../fixtures/course';
import { drill, practiceCourse } from '../fixtures/practice';
import type { Database, Db } from '../../src/lib/server/db';
import { progress, xapiOutbox, type User } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette } from '../../src/lib/server/learning/vignettes';
import { answerQuestion } from '../../src/lib/server/learning/quizzes';
import { deleteAccount } from '../../src/lib/server/account/delete';
import { recordView, saveResponse } from '../../src/lib/server/practice/responses';
import { attemptFor, saveAnswers, startAttempt, submitAttempt } from '../../src/lib/server/assessment/attempts';
import { fixtureTest } from '../fixtures/test-pool';
import { registerXapiCourse, setXapiConfig, type XapiConfig } from '../../src/lib/server/xapi/config';
import { SENDER, pendingCount, sendDue } from '../../src/lib/server/xapi/sender';
import { VERBS } from '../../src/lib/server/xapi/statements';

const KEY = 'ontroerd';
const SECRET = 'geheim-voor-de-test';
const ORIGIN = 'https://ontroerd.example.nl';
/** Far enough ahead that every back-off and lease has passed. */
const later = (hours: number) => new Date(Date.now() + hours * 60 * 60 * 1000);

describe.each(drivers)('xAPI learning records on %s', (driver) => {
	let database: Database & { drop: () => Promise<void>; reopen: () => Promise<Database> };
	/** The app's database handle; a restart replaces it. */
	let db: Db;
	let lrs: Lrs;
	let config: XapiConfig;
	let learner: User;
	const lesson = item('les-een', 'lesson');
	const vignette = item('casus', 'vignette');
	const quiz = item('quiz', 'quiz');
	const reflection = item('reflectie', 'reflection');

	let n = 0;

	beforeAll(async () => {
		lrs = await startLrs({ key: KEY, secret: SECRET });
		config = { endpoint: lrs.endpoint, key: KEY, secret: SECRET, freeText: false, origin: ORIGIN };
		registerXapiCourse(practiceCourse); // the fixture course with a practice area
		database = await freshDatabase(driver);
		db = database.db;
	});
	afterAll(async () => {
		setXapiConfig(null);
		await lrs.close();
		await database?.drop();
	});
	beforeEach(async () => {
		setXapiConfig(config);
		lrs.mode = 'up';
		lrs.stored.clear();
		lrs.received.clear();
		lrs.refused.length = 0;
		await db.delete(xapiOutbox);
		n++;
		learner = (await createUser(db, { email: `leerling${n}@example.nl`, displayName: 'Leerling', password: 'een lange zin voor xapi' }))!;
	});

	/** A module walked from start to end: a lesson, a vignette (three choices), the quiz (three answers), the reflection. */
	async function walkModule(learnerId = learner.id) {
		await touchItem(db, learnerId, lesson, 'completed');
		await chooseInVignette(db, learnerId, vignette, 'begin', 'stil');
		await chooseInVignette(db, learnerId, vignette, 'begin', 'stil'); // a double post: no second record
		await chooseInVignette(db, learnerId, vignette, 'midden', 'vragen');
		await answerQuestion(db, learnerId, quiz, 'een', 'a');
		await answerQuestion(db, learnerId, quiz, 'een', 'b'); // an answer stands: no second record
		await answerQuestion(db, learnerId, quiz, 'schat', 40);
		await answerQuestion(db, learnerId, quiz, 'stelling', 3);
		await touchItem(db, learnerId, reflection, 'completed');
	}

	const verbsAtLrs = () => [...lrs.stored.values()].map((s) => (s.verb as { id: string }).id);

	it('queues a statement per event in its transaction, and the LRS double finds every one valid', async () => {
		await walkModule();
		expect(await pendingCount(db)).toBe(7);
		expect(await sendDue(db, { config })).toEqual({ sent: 7, failed: 0 });
		expect(lrs.refused).toEqual([]);
		expect(verbsAtLrs().sort()).toEqual(
			[VERBS.initialized.id, VERBS.answered.id, VERBS.answered.id, VERBS.answered.id, VERBS.answered.id, VERBS.answered.id, VERBS.completed.id].sort()
		);
		const decision = [...lrs.stored.values()].find((s) => (s.object as { id: string }).id.endsWith('/casus/steps/begin'));
		expect(decision).toMatchObject({
			actor: { objectType: 'Agent', account: { homePage: ORIGIN } },
			object: { id: `${ORIGIN}/modules/proef/casus/steps/begin`, definition: { interactionType: 'choice' } },
			result: { response: 'stil' },
			context: {
				contextActivities: { parent: [{ id: `${ORIGIN}/modules/proef/casus` }], grouping: [{ id: `${ORIGIN}/modules/proef` }, { id: `${ORIGIN}/modules` }] }
			}
		});
		const single = [...lrs.stored.values()].find((s) => (s.object as { id: string }).id.endsWith('/quiz/questions/een'));
		expect(single?.result).toMatchObject({ response: 'a', success: true });
		const completed = [...lrs.stored.values()].find((s) => (s.verb as { id: string }).id === VERBS.completed.id);
		expect(completed).toMatchObject({ object: { id: `${ORIGIN}/modules/proef` }, result: { completion: true } });
		// The actor is a pseudonym: neither the account id nor the e-mail address nor the name.
		const name = (decision?.actor as { account: { name: string } }).account.name;
		expect(name).not.toContain(learner.id);
		expect(JSON.stringify([...lrs.stored.values()])).not.toMatch(/leerling/i);
		expect(await pendingCount(db)).toBe(0);
	});

	it('records a round of practice: the drill initialized at its first view, completed with its time and without the words', async () => {
		const vader = drill('oefening-vader');
		await recordView(db, learner.id, vader.id);
		await recordView(db, learner.id, vader.id); // a second look is the same round
		await saveResponse(db, learner.id, vader, { body: 'Wat ik tegen haar zou zeggen', bodyNote: null, place: 'practice' });
		expect(await sendDue(db, { config })).toEqual({ sent: 2, failed: 0 });
		expect(lrs.refused).toEqual([]);
		const [started, completed] = [...lrs.stored.values()];
		expect(started).toMatchObject({ verb: { id: VERBS.initialized.id }, object: { id: `${ORIGIN}/oefenen/oefening-vader` } });
		expect(completed).toMatchObject({ verb: { id: VERBS.completed.id }, result: { completion: true, duration: expect.stringMatching(/^PT\d+S$/) } });
		expect(JSON.stringify(completed)).not.toContain('Wat ik tegen haar zou zeggen');
	});

	it('records the final test passed or failed with a scaled, raw, min and max score, once per attempt', async () => {
		const first = await startAttempt(db, fixtureTest, learner.id, 70);
		await submitAttempt(db, fixtureTest, learner.id, first); // nothing answered: failed
		await submitAttempt(db, fixtureTest, learner.id, first); // a second submit changes nothing
		expect(await sendDue(db, { config })).toEqual({ sent: 1, failed: 0 });
		expect(lrs.refused).toEqual([]);
		const [failed] = [...lrs.stored.values()];
		expect(failed).toMatchObject({
			verb: { id: VERBS.failed.id },
			object: { id: `${ORIGIN}/toets`, definition: { type: 'http://adlnet.gov/expapi/activities/assessment' } },
			result: { success: false, completion: true, score: { scaled: 0, raw: 0, min: 0, max: fixtureTest.length } }
		});
		// A second attempt, every item right (option a is the right one in the fixture pool): passed.
		const second = await startAttempt(db, fixtureTest, learner.id, 70);
		const drawn = (await attemptFor(db, learner.id, second))!.items;
		await saveAnswers(db, learner.id, second, Object.fromEntries(drawn.map((d) => [d.itemId, 'a'])));
		await submitAttempt(db, fixtureTest, learner.id, second);
		expect(await sendDue(db, { config })).toEqual({ sent: 1, failed: 0 });
		const passed = [...lrs.stored.values()][1];
		expect(passed).toMatchObject({
			verb: { id: VERBS.passed.id },
			result: { success: true, score: { scaled: 1, raw: drawn.length, min: 0, max: drawn.length } }
		});
		expect(lrs.refused).toEqual([]);
	});

	it('queues nothing without an LRS configured', async () => {
		setXapiConfig(null);
		await walkModule();
		expect(await db.select().from(xapiOutbox)).toEqual([]);
	});

	it('writes progress without a transaction of its own when there is no LRS and no cmi5, and records it when there is', async () => {
		setXapiConfig(null);
		// A progress write that opened a transaction (a savepoint inside a quiz answer's) would throw here.
		const noTransaction = Object.create(db, { transaction: { value: () => Promise.reject(new Error('a transaction was opened')) } }) as Db;
		await touchItem(noTransaction, learner.id, lesson, 'completed');
		expect(await db.select({ status: progress.status }).from(progress).where(eq(progress.learnerId, learner.id))).toEqual([{ status: 'completed' }]);
		setXapiConfig(config);
		await expect(touchItem(noTransaction, learner.id, vignette, 'started')).rejects.toThrow('a transaction was opened');
		const other = (await createUser(db, { email: `ander${n}@example.nl`, displayName: 'Ander', password: 'een lange zin voor xapi' }))!;
		await touchItem(db, other.id, lesson, 'started');
		const queued = await db.select().from(xapiOutbox).where(eq(xapiOutbox.learnerId, other.id));
		expect(queued.map((q) => (q.statement as { verb: { id: string } }).verb.id)).toEqual([VERBS.initialized.id]);
	});

	it('keeps every statement through an outage, dropped connections and a 412, then sends each exactly once', async () => {
		await walkModule();
		lrs.mode = 'down';
		expect(await sendDue(db, { config })).toEqual({ sent: 0, failed: 7 });
		// Backing off: nothing is due a moment later.
		expect(await sendDue(db, { config })).toEqual({ sent: 0, failed: 0 });
		lrs.mode = 'drop';
		expect(await sendDue(db, { config, now: later(1) })).toEqual({ sent: 0, failed: 7 });
		lrs.mode = 'precondition';
		expect(await sendDue(db, { config, now: later(2) })).toEqual({ sent: 0, failed: 7 });
		const [row] = await db.select().from(xapiOutbox).limit(1);
		expect(row).toMatchObject({ attempts: 3, sentAt: null, lastError: 'HTTP 412' });
		lrs.mode = 'up';
		expect(await sendDue(db, { config, now: later(24) })).toEqual({ sent: 7, failed: 0 });
		expect(lrs.stored.size).toBe(7);
		expect(await pendingCount(db)).toBe(0);
		expect(await sendDue(db, { config, now: later(48) })).toEqual({ sent: 0, failed: 0 });
	});

	it('survives an app restart after the LRS stored statements but the answers were lost: resent under the same ids, stored once', async () => {
		await walkModule();
		lrs.mode = 'lose-answer';
		expect(await sendDue(db, { config })).toEqual({ sent: 0, failed: 7 });
		expect(lrs.stored.size).toBe(7);
		// The app restarts: a new instance (and a new sender) over the same database.
		const restarted = await database.reopen();
		if (driver === 'pglite') db = restarted.db;
		expect(await pendingCount(restarted.db)).toBe(7);
		lrs.mode = 'up';
		expect(await sendDue(restarted.db, { config, now: later(1) })).toEqual({ sent: 7, failed: 0 });
		expect(lrs.stored.size).toBe(7);
		expect([...lrs.received.values()]).toEqual(Array(7).fill(2));
		expect(await pendingCount(restarted.db)).toBe(0);
	});

	it('lets two senders on one database send each statement once (FOR UPDATE SKIP LOCKED and a lease)', async () => {
		await walkModule();
		// On PostgreSQL a second connection pool, as a second instance has; PGlite has one connection per folder.
		const other = await database.reopen();
		if (driver === 'pglite') db = other.db;
		const results = await Promise.all([sendDue(db, { config }), sendDue(other.db, { config })]);
		expect(results[0].sent + results[1].sent).toBe(7);
		expect([...lrs.received.values()]).toEqual(Array(7).fill(1));
	});

	it('takes a 409 (a different statement already under the id) as sent, and says so', async () => {
		await touchItem(db, learner.id, lesson, 'started');
		const [row] = await db.select().from(xapiOutbox);
		lrs.stored.set(row!.id, { id: row!.id, other: true });
		expect(await sendDue(db, { config })).toEqual({ sent: 1, failed: 0 });
		const [after] = await db.select().from(xapiOutbox).where(eq(xapiOutbox.id, row!.id));
		expect(after?.sentAt).not.toBeNull();
		expect(after?.lastError).toContain('409');
	});

	it('sends nothing more about a deleted account: its queued statements go with it', async () => {
		await walkModule();
		lrs.mode = 'down';
		await sendDue(db, { config });
		await touchItem(
			db,
			(await createUser(db, { email: `ander${n}@example.nl`, displayName: 'Ander', password: 'een lange zin voor xapi' }))!.id,
			lesson,
			'started'
		);
		await deleteAccount(db, learner);
		lrs.mode = 'up';
		expect(await sendDue(db, { config, now: later(24) })).toEqual({ sent: 1, failed: 0 });
		expect(lrs.stored.size).toBe(1);
		expect(await db.select().from(xapiOutbox).where(eq(xapiOutbox.learnerId, learner.id))).toEqual([]);
	});

	it('claims at most a batch per run and leaves the rest due', async () => {
		for (let i = 0; i < SENDER.batch + 3; i++) {
			const id = (await createUser(db, { email: `l${i}@example.nl`, displayName: `L${i}`, password: 'een lange zin voor xapi' }))!.id;
			await touchItem(db, id, lesson, 'started');
		}
		expect(await sendDue(db, { config })).toEqual({ sent: SENDER.batch, failed: 0 });
		expect(await sendDue(db, { config })).toEqual({ sent: 3, failed: 0 });
	});
});
