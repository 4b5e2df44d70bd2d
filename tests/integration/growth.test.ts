/**
 * The cohort report from the database (issue 16): three learners' rated pre- and post-tests give per skill the
 * means and the paired change, self-efficacy and completion; agreement counts only calibrated raters; two learners
 * give no report at all (k >= 3). The forms rotate per learner.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import { drill } from '../fixtures/practice';
import type { Database } from '../../src/lib/server/db';
import { TEST_PHASES } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { cohortGrowth, cohortGrowthOf } from '../../src/lib/server/growth/cohort';
import { membersOf } from '../../src/lib/server/growth/members';
import { submitRating } from '../../src/lib/server/rating/ratings';
import {
	answerSelfEfficacy,
	completeTest,
	formFor,
	handInTest,
	saveTestResponse,
	startTest,
	testAccess,
	testDue
} from '../../src/lib/server/rating/performance';
import { saveResponse, shareResponse } from '../../src/lib/server/practice/responses';
import { sharedResponses } from '../../src/lib/server/practice/shared';
import { testResponses } from '../../src/lib/server/db/schema';
import { eq } from 'drizzle-orm';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readMailbox, sendMail } from '../../src/lib/server/mail';
import { remindRetention } from '../../src/lib/server/rating/reminders';

const SKILLS = ['bij-de-emotie', 'benoemen-en-erkennen', 'client-centraal', 'regie', 'eigen-emotie', 'betekenis'] as const;
const all = (score: number) => Object.fromEntries(SKILLS.map((s) => [s, score]));

describe.each(drivers)('cohort growth on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const user = async (name: string, role: 'trainee' | 'supervisor'): Promise<SessionUser> => {
		const u = await createUser(database.db, { email: `${name}@example.nl`, displayName: name, password: 'een lange zin hier', role });
		if (!u) throw new Error('no user');
		return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale };
	};
	let cohortId = '';
	let learners: SessionUser[] = [];
	let supervisor: SessionUser;

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const db = database.db;
		supervisor = await user('sanne', 'supervisor');
		const second = await user('tweede', 'supervisor');
		const novice = await user('nieuw', 'supervisor');
		learners = [await user('an', 'trainee'), await user('bo', 'trainee'), await user('cas', 'trainee')];
		const cohort = await createCohort(db, supervisor.id, 'Cohort');
		cohortId = cohort.id;
		const otherCohort = await createCohort(db, second.id, 'Tweede blik');
		const noviceCohort = await createCohort(db, novice.id, 'Nieuw');
		const pre = [2, 2, 3];
		const post = [4, 3, 5];
		for (const [i, learner] of learners.entries()) {
			for (const c of [cohort, otherCohort, noviceCohort]) await joinCohort(db, c.id, learner.id);
			for (const [phase, score] of [
				['pre', pre[i] ?? 0],
				['post', post[i] ?? 0]
			] as const) {
				await startTest(db, learner.id, phase);
				const id = await saveTestResponse(db, learner.id, phase, drill('oefening-vader'), `${learner.displayName} ${phase}`);
				expect(await submitRating(db, supervisor, id, { scores: all(score), comment: 'ok', calibrated: true })).toBe('saved');
				expect(await submitRating(db, second, id, { scores: all(score), comment: 'ok', calibrated: true })).toBe('saved');
				// A rater who has not calibrated: counted in the means, not in the agreement.
				expect(await submitRating(db, novice, id, { scores: all(score), comment: 'ok', calibrated: false })).toBe('saved');
				await answerSelfEfficacy(db, learner.id, phase, { 'ze-een': phase === 'pre' ? 2 + i : 5 + (i % 2), 'ze-twee': phase === 'pre' ? 3 : 6 });
				expect(await completeTest(db, learner.id, phase)).toBe(true);
			}
		}
	});
	afterAll(async () => database?.drop());

	it('reports the means, the paired change, self-efficacy, agreement among calibrated raters and completion for three learners', async () => {
		const { report, agreement } = await cohortGrowth(database.db, await membersOf(database.db, cohortId), SKILLS);
		expect(report?.learners).toBe(3);
		expect(report?.completed).toEqual({ pre: 3, post: 3, retention: 0 });
		expect(report?.rated).toEqual({ pre: 3, post: 3, retention: 0 });
		const skill = report?.skills[0];
		expect(skill?.pre?.mean).toBeCloseTo(7 / 3, 10);
		expect(skill?.post?.mean).toBeCloseTo(4, 10);
		expect(skill?.retention).toBeNull();
		expect(skill?.change?.n).toBe(3);
		expect(skill?.change?.meanDifference).toBeCloseTo(5 / 3, 10);
		expect(skill?.change?.d).not.toBeNull();
		expect(report?.selfEfficacy.change?.n).toBe(3);
		expect(report?.selfEfficacy.pre?.mean).toBeCloseTo((2.5 + 3 + 3.5) / 3, 10);
		// Two calibrated raters on six responses; the uncalibrated third is left out.
		expect(agreement[0]).toMatchObject({ skill: 'bij-de-emotie', responses: 6, raters: 2, ratings: 12, alpha: 1 });
		expect(agreement[0]?.icc).toBeCloseTo(1, 10);
	});

	it('reads a cohort by its id as it reads the list of its members: a member without any test counts, an empty cohort has no report', async () => {
		expect(await cohortGrowthOf(database.db, cohortId, SKILLS)).toEqual(await cohortGrowth(database.db, await membersOf(database.db, cohortId), SKILLS));
		const wider = await createCohort(database.db, supervisor.id, 'Met een nieuwkomer');
		const newcomer = await user('dirk', 'trainee');
		for (const l of [...learners, newcomer]) await joinCohort(database.db, wider.id, l.id);
		const byId = await cohortGrowthOf(database.db, wider.id, SKILLS);
		expect(byId.report?.learners).toBe(4);
		expect(byId.report?.completed).toEqual({ pre: 3, post: 3, retention: 0 });
		expect(byId).toEqual(
			await cohortGrowth(
				database.db,
				[...learners, newcomer].map((l) => l.id),
				SKILLS
			)
		);
		const empty = await createCohort(database.db, supervisor.id, 'Leeg');
		expect(await cohortGrowthOf(database.db, empty.id, SKILLS)).toEqual({ report: null, agreement: [] });
	});

	it('shows nothing for two learners, in the report and in the agreement', async () => {
		const two = learners.slice(0, 2).map((l) => l.id);
		expect(await cohortGrowth(database.db, two, SKILLS)).toEqual({ report: null, agreement: [] });
		expect(await cohortGrowth(database.db, [], SKILLS)).toEqual({ report: null, agreement: [] });
	});

	it('rotates the forms per learner across the phases, and offers the retention test eight weeks after the post-test', async () => {
		for (const l of learners) expect(TEST_PHASES.map((p) => formFor(l.id, p)).sort()).toEqual(['a', 'b', 'c']);
		const learner = learners[0]?.id ?? '';
		const eightWeeks = 56 * 86_400_000;
		expect(await testDue(database.db, learner, true, new Date(Date.now() + eightWeeks - 60_000))).toBeNull();
		expect(await testDue(database.db, learner, true, new Date(Date.now() + eightWeeks + 60_000))).toBe('retention');
	});

	it("keeps test responses out of the supervisor's shared-responses list, which shows dates; practice shared with them stays", async () => {
		const db = database.db;
		const learner = await user('dee', 'trainee');
		await joinCohort(db, (await createCohort(db, supervisor.id, 'Blind')).id, learner.id);
		await startTest(db, learner.id, 'pre');
		await saveTestResponse(db, learner.id, 'pre', drill('oefening-vader'), 'Toets');
		const { id } = await saveResponse(db, learner.id, drill('oefening-vader'), { body: 'Oefening', bodyNote: null, place: 'practice' });
		await shareResponse(db, learner.id, id, { visibility: 'supervisor' });
		expect((await sharedResponses(db, supervisor, { learnerId: learner.id })).map((r) => r.id)).toEqual([id]);
	});

	it('hands a test in once when two hand-ins arrive at the same moment', async () => {
		const db = database.db;
		const learner = await user('eef', 'trainee');
		const responses = [
			{ drill: drill('oefening-vader'), body: 'Een' },
			{ drill: drill('oefening-broer'), body: 'Twee' }
		];
		const results = await Promise.all([
			handInTest(db, learner.id, 'pre', responses, { 'ze-een': 3 }),
			handInTest(db, learner.id, 'pre', responses, { 'ze-een': 4 })
		]);
		expect(results.sort()).toEqual([false, true]);
		expect(await db.select().from(testResponses).where(eq(testResponses.learnerId, learner.id))).toHaveLength(2);
	});

	it('opens a test by its address only when the dashboard would offer it, and says why not', async () => {
		const db = database.db;
		const learner = await user('fien', 'trainee');
		expect(await testAccess(db, learner.id, 'pre', false)).toBe('open');
		expect(await testAccess(db, learner.id, 'post', false)).toBe('pre-first');
		await handInTest(db, learner.id, 'pre', [{ drill: drill('oefening-vader'), body: 'Een' }], {});
		expect(await testAccess(db, learner.id, 'pre', false)).toBe('done');
		expect(await testAccess(db, learner.id, 'post', false)).toBe('modules');
		expect(await testAccess(db, learner.id, 'post', true)).toBe('open');
		expect(await testAccess(db, learner.id, 'retention', true)).toBe('retention-later');
		const done = learners[0]?.id ?? '';
		expect(await testAccess(db, done, 'retention', true)).toBe('retention-later');
		expect(await testAccess(db, done, 'retention', true, new Date(Date.now() + 57 * 86_400_000))).toBe('open');
		// A learner who finished every module without a pre-test: a pre-test now would not measure the start.
		const late = await user('gijs', 'trainee');
		expect(await testDue(db, late.id, true)).toBe('post');
		expect(await testAccess(db, late.id, 'pre', true)).toBe('pre-late');
		expect(await testAccess(db, late.id, 'post', true)).toBe('open');
		expect(await testAccess(db, late.id, 'post', false)).toBe('pre-first');
	});

	it("mails the retention reminder once, when the retention test becomes due, in the learner's language", async () => {
		const db = database.db;
		process.env.MAIL_DIR = mkdtempSync(join(tmpdir(), 'ontroerd-mail-'));
		const day = 86_400_000;
		expect(await remindRetention(db, 'https://ontroerd.test', sendMail, new Date(Date.now() + 55 * day))).toBe(0);
		expect(await remindRetention(db, 'https://ontroerd.test', sendMail, new Date(Date.now() + 57 * day))).toBe(3);
		const mails = readMailbox();
		expect(mails.map((x) => x.to).sort()).toEqual(['an@example.nl', 'bo@example.nl', 'cas@example.nl']);
		expect(mails[0]?.subject).toBe('Je follow-upmeting van Ontroerd staat klaar');
		expect(mails[0]?.text).toContain('https://ontroerd.test/oefenen/meting/retention');
		expect(await remindRetention(db, 'https://ontroerd.test', sendMail, new Date(Date.now() + 60 * day))).toBe(0);
		expect(readMailbox()).toHaveLength(3);
	});
});
