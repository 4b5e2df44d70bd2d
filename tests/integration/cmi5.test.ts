/**
 * cmi5 launches: the token fetched once, LMS.LaunchData read with it, the actor mapped to an account by its
 * LMS account (never by e-mail), and initialized, completed and terminated sent through the outbox to the
 * LMS's LRS (the double checks cmi5's statement rules), once per registration where cmi5 says so.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { startLrs, type Lrs } from './xapi/lrs';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database, Db } from '../../src/lib/server/db';
import { cmi5Accounts, cmi5Launches, users, xapiOutbox } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette } from '../../src/lib/server/learning/vignettes';
import { answerQuestion } from '../../src/lib/server/learning/quizzes';
import { deleteAccount } from '../../src/lib/server/account/delete';
import { registerXapiCourse, setXapiConfig } from '../../src/lib/server/xapi/config';
import { sendDue } from '../../src/lib/server/xapi/sender';
import { acceptLaunch, lastReturnUrl, openLaunch, terminateLaunch } from '../../src/lib/server/xapi/cmi5';
import { VERBS } from '../../src/lib/server/xapi/statements';

const LMS = 'https://lms.example.nl';

describe.each(drivers)('cmi5 launches on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let db: Db;
	let lrs: Lrs;
	let origins: string[];
	let n = 0;

	beforeAll(async () => {
		lrs = await startLrs({ key: 'k', secret: 's' });
		origins = [new URL(lrs.endpoint).origin];
		registerXapiCourse(fixtureCourse);
		setXapiConfig(null); // only the launch's LRS: nothing goes to an installation LRS
		database = await freshDatabase(driver);
		db = database.db;
	});
	afterAll(async () => {
		await lrs.close();
		await database?.drop();
	});
	beforeEach(async () => {
		await drain(); // what an earlier test left queued goes out before this one counts
		lrs.stored.clear();
		lrs.refused.length = 0;
		lrs.launchData = {
			launchMode: 'Normal',
			moveOn: 'Completed',
			returnURL: `${LMS}/course/7`,
			contextTemplate: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'sessie-1' } }
		};
	});

	/** The query an LMS appends to the AU's URL (cmi5 §8.1). */
	function launchQuery(options: { learner?: string; registration?: string; code?: string; actor?: unknown } = {}) {
		n++;
		const registration = options.registration ?? crypto.randomUUID();
		lrs.registrations.add(registration);
		return new URLSearchParams({
			endpoint: lrs.endpoint,
			fetch: lrs.fetchUrl(options.code ?? `code-${n}-${driver}`),
			actor: JSON.stringify(options.actor ?? { objectType: 'Agent', name: 'Lotte Leerling', account: { homePage: LMS, name: options.learner ?? 'lms-42' } }),
			registration,
			activityId: `${LMS}/au/proef`
		});
	}

	/** Runs the sender until nothing is left: a launch's statements go one per run, in order. */
	async function drain() {
		let total = 0;
		for (let sent = -1; sent !== 0; total += sent) sent = (await sendDue(db)).sent;
		return total;
	}

	const statementsAtLrs = () => [...lrs.stored.values()].sort((a, b) => String(a.timestamp).localeCompare(String(b.timestamp)));
	const verbs = () => statementsAtLrs().map((s) => (s.verb as { id: string }).id);

	async function walkModule(learnerId: string) {
		await touchItem(db, learnerId, item('les-een', 'lesson'), 'completed');
		await chooseInVignette(db, learnerId, item('casus', 'vignette'), 'begin', 'stil');
		await chooseInVignette(db, learnerId, item('casus', 'vignette'), 'midden', 'vragen');
		for (const [q, value] of [
			['een', 'a'],
			['schat', 40],
			['stelling', 3]
		] as const)
			await answerQuestion(db, learnerId, item('quiz', 'quiz'), q, value);
		await touchItem(db, learnerId, item('reflectie', 'reflection'), 'completed');
	}

	it('accepts a launch: one fetch, the launch data, an account by the LMS account, and "initialized" to the LMS', async () => {
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery(), { origins });
		if (!launch.ok) throw new Error(launch.error);
		expect(launch.user).toMatchObject({ displayName: 'Lotte Leerling', role: 'trainee' });
		expect(launch.user.email).toMatch(/@cmi5\.invalid$/);
		expect(await drain()).toBe(1);
		expect(lrs.refused).toEqual([]);
		const [initialized] = statementsAtLrs();
		expect(initialized).toMatchObject({
			actor: { account: { homePage: LMS, name: 'lms-42' } },
			verb: { id: VERBS.initialized.id },
			object: { id: `${LMS}/au/proef` },
			context: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/sessionid': 'sessie-1' } }
		});
		// The same LMS account launching again is the same Ontroerd account.
		const again = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery(), { origins });
		expect(again.ok && again.user.id).toBe(launch.user.id);
	});

	it('never matches an account by e-mail: an actor with only an address is refused, and a known address links nothing', async () => {
		const existing = await createUser(db, { email: 'lotte@example.nl', displayName: 'Lotte', password: 'een lange zin voor cmi5' });
		const byMail = launchQuery({ actor: { objectType: 'Agent', mbox: 'mailto:lotte@example.nl' } });
		expect(await acceptLaunch(db, fixtureCourse, 'proef', byMail, { origins })).toEqual({ ok: false, error: 'bad-parameters' });
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lotte@example.nl' }), { origins });
		if (!launch.ok) throw new Error(launch.error);
		expect(launch.user.id).not.toBe(existing?.id);
		// Its statements would carry the address the LMS chose as the account name; they are not this test's subject.
		await db.delete(xapiOutbox).where(eq(xapiOutbox.learnerId, launch.user.id));
	});

	it('refuses a replayed fetch URL, an LMS it does not trust, a module that does not exist, and everything when cmi5 is off', async () => {
		const first = launchQuery({ code: `once-${driver}` });
		expect((await acceptLaunch(db, fixtureCourse, 'proef', first, { origins })).ok).toBe(true);
		expect(await acceptLaunch(db, fixtureCourse, 'proef', first, { origins })).toEqual({ ok: false, error: 'token-refused' });
		expect(await acceptLaunch(db, fixtureCourse, 'proef', launchQuery(), { origins: [LMS] })).toEqual({ ok: false, error: 'untrusted-lms' });
		expect(await acceptLaunch(db, fixtureCourse, 'bestaat-niet', launchQuery(), { origins })).toEqual({ ok: false, error: 'unknown-module' });
		expect(await acceptLaunch(db, fixtureCourse, 'proef', launchQuery(), { origins: [] })).toEqual({ ok: false, error: 'disabled' });
		const noRegistration = launchQuery();
		noRegistration.delete('registration');
		expect(await acceptLaunch(db, fixtureCourse, 'proef', noRegistration, { origins })).toEqual({ ok: false, error: 'bad-parameters' });
	});

	it('sends "completed" once per registration when the module is done, and "terminated" last', async () => {
		const registration = crypto.randomUUID();
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-walk', registration }), { origins });
		if (!launch.ok) throw new Error(launch.error);
		await walkModule(launch.user.id);
		const open = await openLaunch(db, launch.user.id, 'proef');
		expect(open).toEqual({ id: launch.launchId, returnUrl: `${LMS}/course/7` });
		expect(await terminateLaunch(db, launch.user.id, launch.launchId)).toEqual({ returnUrl: `${LMS}/course/7` });
		expect(await terminateLaunch(db, launch.user.id, launch.launchId)).toBeNull();
		expect(await lastReturnUrl(db, launch.user.id)).toBe(`${LMS}/course/7`);
		await drain();
		expect(lrs.refused).toEqual([]);
		expect(verbs()).toEqual([VERBS.initialized.id, VERBS.completed.id, VERBS.terminated.id]);
		expect(statementsAtLrs()[1]).toMatchObject({ result: { completion: true, duration: expect.stringMatching(/^PT/) } });

		// A new session of the same registration: initialized and terminated, but no second completed.
		lrs.stored.clear();
		const relaunch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-walk', registration }), { origins });
		if (!relaunch.ok) throw new Error(relaunch.error);
		await touchItem(db, relaunch.user.id, item('les-een', 'lesson'), 'completed');
		await terminateLaunch(db, relaunch.user.id, relaunch.launchId);
		await drain();
		expect(verbs()).toEqual([VERBS.initialized.id, VERBS.terminated.id]);

		// A new registration of a learner who already finished: completed right after initialized.
		lrs.stored.clear();
		await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-walk' }), { origins });
		await drain();
		expect(verbs()).toEqual([VERBS.initialized.id, VERBS.completed.id]);
	});

	it('keeps a session in order through an outage: terminated never reaches the LMS before initialized', async () => {
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-outage' }), { origins });
		if (!launch.ok) throw new Error(launch.error);
		lrs.mode = 'down';
		expect(await sendDue(db)).toEqual({ sent: 0, failed: 1 });
		await terminateLaunch(db, launch.user.id, launch.launchId);
		lrs.mode = 'up';
		// The terminated row is due now, initialized only after its back-off: still, initialized goes first.
		expect(await sendDue(db)).toEqual({ sent: 0, failed: 0 });
		const later = new Date(Date.now() + 60 * 60 * 1000);
		expect(await sendDue(db, { now: later })).toEqual({ sent: 1, failed: 0 });
		expect(await sendDue(db, { now: later })).toEqual({ sent: 1, failed: 0 });
		expect([...lrs.stored.values()].map((s) => (s.verb as { id: string }).id)).toEqual([VERBS.initialized.id, VERBS.terminated.id]);
	});

	it('reports no completion in Browse mode, and offers no link to a return address that is no web address', async () => {
		lrs.launchData = { ...lrs.launchData, launchMode: 'Browse', returnURL: 'javascript:alert(1)' };
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-browse' }), { origins });
		if (!launch.ok) throw new Error(launch.error);
		// A return address that is no web address is never offered as a link.
		expect(await openLaunch(db, launch.user.id, 'proef')).toEqual({ id: launch.launchId, returnUrl: null });
		await walkModule(launch.user.id);
		await drain();
		expect(verbs()).toEqual([VERBS.initialized.id]);
	});

	it('deleting the account deletes its launches, its LMS link and its queued statements', async () => {
		const launch = await acceptLaunch(db, fixtureCourse, 'proef', launchQuery({ learner: 'lms-leaves' }), { origins });
		if (!launch.ok) throw new Error(launch.error);
		await deleteAccount(db, launch.user);
		expect(await db.select().from(users).where(eq(users.id, launch.user.id))).toEqual([]);
		expect(await db.select().from(cmi5Launches).where(eq(cmi5Launches.learnerId, launch.user.id))).toEqual([]);
		expect(await db.select().from(cmi5Accounts).where(eq(cmi5Accounts.userId, launch.user.id))).toEqual([]);
		expect(await db.select().from(xapiOutbox).where(eq(xapiOutbox.learnerId, launch.user.id))).toEqual([]);
	});
});
