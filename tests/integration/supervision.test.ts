import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { cohortInvites, drillResponses, performanceTests, practiceCards, practiceLevels, reflections, testAttempts } from '../../src/lib/server/db/schema';
import { levelOf } from '../../src/lib/server/practice/responses';
import { dueOf, testDue } from '../../src/lib/server/rating/performance';
import { hasPassed } from '../../src/lib/server/assessment/attempts';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette, restartVignette } from '../../src/lib/server/learning/vignettes';
import { saveReflection } from '../../src/lib/server/learning/reflections';
import { createCohort, createInvite, joinCohort, leaveCohort, lookupInvite, revokeInvite } from '../../src/lib/server/supervision/cohorts';
import {
	assignmentForLearner,
	assignmentsOfCohort,
	assignmentsOfLearner,
	createAssignment,
	replyToFeedback,
	reviewSubmission,
	submitAssignment
} from '../../src/lib/server/supervision/assignments';
import { cohortOverview } from '../../src/lib/server/supervision/overview';
import { learnerDashboard } from '../../src/lib/server/learning/dashboard';
import { learnerProgress } from '../../src/lib/server/learning/progress';
import { cohortsOfLearner } from '../../src/lib/server/supervision/cohorts';
import { canReadReflection, ownCohort, submissionForSupervisor, supervises } from '../../src/lib/server/policy';

const DAY = 86_400_000;
const asUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale });

describe.each(drivers)('supervision on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let s1: SessionUser, s2: SessionUser, a: SessionUser, b: SessionUser;
	let cohortId = '';
	const vignette = item('casus', 'vignette');
	const reflectionItem = item('reflectie', 'reflection');

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const make = async (email: string, role: 'trainee' | 'supervisor') => {
			const u = await createUser(database.db, { email, displayName: email.split('@')[0] ?? email, password: 'een lange zin hier', role });
			if (!u) throw new Error('no user');
			return asUser(u);
		};
		[s1, s2, a, b] = await Promise.all([make('s1@x.nl', 'supervisor'), make('s2@x.nl', 'supervisor'), make('a@x.nl', 'trainee'), make('b@x.nl', 'trainee')]);
		cohortId = (await createCohort(database.db, s1.id, 'Groep')).id;
	});
	afterAll(async () => database?.drop());

	it('invites: valid until revoked or expired, unknown codes refused, guessing throttled', async () => {
		const { code } = await createInvite(database.db, cohortId);
		expect(code).toMatch(/^[a-z2-7]{32}$/);
		const found = await lookupInvite(database.db, code, '10.1.0.1');
		expect(found).toMatchObject({ ok: true, cohort: { id: cohortId, name: 'Groep' } });
		expect(await lookupInvite(database.db, 'a'.repeat(32), '10.1.0.1')).toEqual({ ok: false, reason: 'invalid' });
		const stored = await database.db.select().from(cohortInvites);
		expect(stored.every((i) => i.codeHash !== code)).toBe(true);

		const before = new Set((await database.db.select({ id: cohortInvites.id }).from(cohortInvites)).map((i) => i.id));
		const revoked = await createInvite(database.db, cohortId);
		const revokedId = (await database.db.select({ id: cohortInvites.id }).from(cohortInvites)).find((i) => !before.has(i.id))?.id ?? '';
		expect(await revokeInvite(database.db, cohortId, revokedId)).toBe(true);
		expect(await lookupInvite(database.db, revoked.code, '10.1.0.1')).toEqual({ ok: false, reason: 'invalid' });

		const old = await createInvite(database.db, cohortId, new Date(Date.now() - 30 * DAY));
		expect(await lookupInvite(database.db, old.code, '10.1.0.1')).toEqual({ ok: false, reason: 'invalid' });

		// Guessing from one address: after the burst, even a valid code is refused for a while.
		for (let i = 0; i < 25; i++) await lookupInvite(database.db, 'b'.repeat(32), '10.1.0.9');
		expect(await lookupInvite(database.db, code, '10.1.0.9')).toEqual({ ok: false, reason: 'throttled' });

		await joinCohort(database.db, found.ok ? found.cohort.id : '', a.id);
		await joinCohort(database.db, cohortId, a.id); // twice is once
		expect(await supervises(database.db, s1.id, a.id)).toBe(true);
		expect(await supervises(database.db, s2.id, a.id)).toBe(false);
	});

	it('refuses assignments due in the past, for strangers, or of unknown items', async () => {
		const base = { cohortId, targetType: 'vignette' as const, targetId: vignette.id, note: '', learnerIds: 'all' as const };
		expect(await createAssignment(database.db, fixtureCourse, { ...base, dueAt: new Date(Date.now() - DAY) })).toEqual({ ok: false, error: 'due-in-past' });
		expect(await createAssignment(database.db, fixtureCourse, { ...base, dueAt: new Date(Date.now() + DAY), learnerIds: [b.id] })).toEqual({
			ok: false,
			error: 'unknown-trainee'
		});
		expect(await createAssignment(database.db, fixtureCourse, { ...base, targetId: 'bestaat-niet', dueAt: new Date(Date.now() + DAY) })).toEqual({
			ok: false,
			error: 'unknown-target'
		});
		expect(await createAssignment(database.db, fixtureCourse, { ...base, targetType: 'quiz', dueAt: new Date(Date.now() + DAY) })).toEqual({
			ok: false,
			error: 'unknown-target'
		});
	});

	it('moves an assignment through not started, in progress, submitted (frozen), reviewed and one reply', async () => {
		const made = await createAssignment(database.db, fixtureCourse, {
			cohortId,
			targetType: 'vignette',
			targetId: vignette.id,
			dueAt: new Date(Date.now() + 7 * DAY),
			note: 'Graag',
			learnerIds: 'all'
		});
		if (!made.ok) throw new Error(made.error);
		const status = async () => (await assignmentsOfLearner(database.db, fixtureCourse, a.id)).find((x) => x.assignment.id === made.id)?.status;
		// The cohort table reads the same status in its own statement.
		const inTable = async () => (await cohortOverview(database.db, fixtureCourse, cohortId, 'name', 'nl')).rows.find((r) => r.id === a.id)?.statuses[made.id];
		expect(await status()).toBe('not-started');
		expect(await inTable()).toBe('not-started');
		expect(await reviewSubmission(database.db, made.id, a.id, 'te vroeg')).toBe(false);

		await chooseInVignette(database.db, a.id, vignette, 'begin', 'stil');
		await saveReflection(database.db, a.id, { key: 'casus/begin', item: vignette, body: 'Privé, maar ingeleverd', baseVersion: 0 });
		expect(await status()).toBe('in-progress');
		expect(await inTable()).toBe('in-progress');

		expect(await submitAssignment(database.db, fixtureCourse, made.id, a.id, 'nl')).toBe(true);
		expect(await submitAssignment(database.db, fixtureCourse, made.id, a.id, 'nl')).toBe(false);
		expect(await status()).toBe('submitted');
		expect(await inTable()).toBe('submitted');
		const frozen = (await assignmentForLearner(database.db, made.id, a.id))?.work.snapshot;
		expect(frozen?.items[0]?.path).toEqual([{ step: 'begin', choice: 'Je blijft stil', feedback: 'Ruimte.' }]);
		expect(frozen?.items[0]?.reflections).toEqual([{ prompt: 'Wat raakt je?', body: 'Privé, maar ingeleverd' }]);

		// Learning goes on; what was submitted does not change.
		await restartVignette(database.db, a.id, vignette);
		await chooseInVignette(database.db, a.id, vignette, 'begin', 'praten');
		expect((await assignmentForLearner(database.db, made.id, a.id))?.work.snapshot).toEqual(frozen);

		expect(await replyToFeedback(database.db, made.id, a.id, 'te vroeg')).toBe(false);
		expect(await reviewSubmission(database.db, made.id, a.id, 'Mooi werk')).toBe(true);
		expect(await status()).toBe('reviewed');
		expect(await replyToFeedback(database.db, made.id, a.id, 'Dank je')).toBe(true);
		expect(await replyToFeedback(database.db, made.id, a.id, 'Nog eens')).toBe(false);

		const cohortView = await assignmentsOfCohort(database.db, fixtureCourse, cohortId);
		expect(cohortView.find((x) => x.assignment.id === made.id)?.learners).toEqual([expect.objectContaining({ learnerId: a.id, status: 'reviewed' })]);
	});

	it('marks an unsubmitted assignment late after its due date', async () => {
		const made = await createAssignment(
			database.db,
			fixtureCourse,
			{ cohortId, targetType: 'module', targetId: 'proef', dueAt: new Date(Date.now() - DAY), note: '', learnerIds: [a.id] },
			new Date(Date.now() - 10 * DAY)
		);
		if (!made.ok) throw new Error(made.error);
		expect((await assignmentsOfLearner(database.db, fixtureCourse, a.id)).find((x) => x.assignment.id === made.id)?.status).toBe('late');
	});

	it('lets a supervisor read only their own cohort, submissions and shared reflections', async () => {
		await expect(ownCohort(database.db, s2, cohortId)).rejects.toMatchObject({ status: 404 });
		await expect(ownCohort(database.db, a, cohortId)).rejects.toMatchObject({ status: 404 });
		expect((await ownCohort(database.db, s1, cohortId)).id).toBe(cohortId);
		const [assignment] = await assignmentsOfCohort(database.db, fixtureCourse, cohortId);
		await expect(submissionForSupervisor(database.db, s2, assignment?.assignment.id ?? 0, a.id)).rejects.toMatchObject({ status: 404 });

		await saveReflection(database.db, a.id, { key: reflectionItem.reflectionKey, item: reflectionItem, body: 'Eigen tekst', baseVersion: 0 });
		const [own] = await database.db.select().from(reflections).where(eq(reflections.promptKey, reflectionItem.reflectionKey));
		if (!own) throw new Error('no reflection');
		expect(await canReadReflection(database.db, a, own)).toBe(true);
		expect(await canReadReflection(database.db, s1, own)).toBe(false);
		const shared = { ...own, visibility: 'supervisor' as const };
		expect(await canReadReflection(database.db, s1, shared)).toBe(true);
		expect(await canReadReflection(database.db, s2, shared)).toBe(false);
		expect(await canReadReflection(database.db, b, shared)).toBe(false);

		// Leaving the cohort ends the supervisor's access at once.
		expect(await leaveCohort(database.db, cohortId, a.id)).toBe(true);
		expect(await canReadReflection(database.db, s1, shared)).toBe(false);
		await joinCohort(database.db, cohortId, a.id);
	});

	it('builds the cohort overview with progress per module, sortable', async () => {
		await joinCohort(database.db, cohortId, b.id);
		await touchItem(database.db, b.id, item('les-een', 'lesson'), 'completed');
		await touchItem(database.db, b.id, item('les-twee', 'lesson'), 'completed');
		await touchItem(database.db, b.id, item('quiz', 'quiz'), 'completed');
		const byProgress = await cohortOverview(database.db, fixtureCourse, cohortId, 'progress', 'nl');
		expect(byProgress.rows[0]?.id).toBe(b.id);
		expect(byProgress.rows[0]?.perModule).toEqual([2, 1]);
		const byName = await cohortOverview(database.db, fixtureCourse, cohortId, 'name', 'nl');
		expect(byName.rows.map((r) => r.displayName)).toEqual(['a', 'b']);
		// The one-statement read says what the per-table reads say.
		const separate = await assignmentsOfCohort(database.db, fixtureCourse, cohortId);
		expect(separate.length).toBeGreaterThan(0);
		expect(byName.assignments).toEqual(separate);
		expect(byName.rows.find((r) => r.id === a.id)?.statuses).toEqual(
			Object.fromEntries(separate.map((x) => [x.assignment.id, x.learners.find((l) => l.learnerId === a.id)?.status ?? null]))
		);
	});

	it("reads the learner's dashboard in one statement that agrees with the per-table reads", async () => {
		const dashboard = await learnerDashboard(database.db, a.id);
		expect(dashboard.progress).toEqual(await learnerProgress(database.db, a.id));
		expect(dashboard.cohorts).toEqual(await cohortsOfLearner(database.db, a.id));
		const separate = await assignmentsOfLearner(database.db, fixtureCourse, a.id);
		expect(dashboard.assignments.length).toBe(separate.length);
		expect(dashboard.assignments).toEqual(
			separate.map((x) => ({
				id: x.assignment.id,
				targetType: x.assignment.targetType,
				targetId: x.assignment.targetId,
				dueAt: x.assignment.dueAt,
				submittedAt: x.work.submittedAt,
				reviewedAt: x.work.reviewedAt,
				hasFeedback: x.work.feedback !== null,
				replied: x.work.reply !== null,
				supervisorName: x.supervisorName
			}))
		);
		expect(await learnerDashboard(database.db, crypto.randomUUID())).toEqual({
			progress: [],
			assignments: [],
			cohorts: [],
			practice: { level: 1, due: [], done: [] },
			tests: [],
			passed: false
		});
	});

	it("reads the dashboard's practice, performance tests and final test in the same statement, as their own reads do", async () => {
		const now = new Date();
		expect(await learnerDashboard(database.db, b.id, now)).toMatchObject({ practice: { level: 1, due: [], done: [] }, tests: [], passed: false });
		const viewed = new Date(now.getTime() - DAY);
		await database.db.insert(drillResponses).values([
			{ learnerId: b.id, drillId: 'oef-a', body: 'antwoord', contentVersion: 'v', viewedAt: viewed, seconds: 30 },
			{ learnerId: b.id, drillId: 'oef-a', body: 'nog eens', contentVersion: 'v', viewedAt: viewed, seconds: 20 },
			{ learnerId: b.id, drillId: 'oef-b', body: 'antwoord', contentVersion: 'v', viewedAt: viewed, seconds: 40 }
		]);
		await database.db.insert(practiceCards).values([
			{ learnerId: b.id, drillId: 'oef-b', card: {}, due: new Date(now.getTime() - 2 * DAY) },
			{ learnerId: b.id, drillId: 'oef-a', card: {}, due: new Date(now.getTime() - DAY) },
			{ learnerId: b.id, drillId: 'oef-c', card: {}, due: new Date(now.getTime() + DAY) }
		]);
		await database.db.insert(practiceLevels).values({ learnerId: b.id, level: 3 });
		await database.db.insert(performanceTests).values({ learnerId: b.id, phase: 'pre', form: 'a', completedAt: viewed });
		await database.db.insert(testAttempts).values([
			{ learnerId: b.id, attempt: 1, total: 15, passed: false, passMark: 70, contentVersion: 'v' },
			{ learnerId: b.id, attempt: 2, total: 15, passed: true, passMark: 70, contentVersion: 'v' }
		]);
		const read = await learnerDashboard(database.db, b.id, now);
		expect(read.practice).toEqual({ level: await levelOf(database.db, b.id), due: ['oef-b', 'oef-a'], done: ['oef-a', 'oef-b'] });
		expect(read.tests).toEqual([{ phase: 'pre', completedAt: viewed }]);
		expect(dueOf(read.tests, true, now)).toBe(await testDue(database.db, b.id, true, now));
		expect(dueOf(read.tests, false, now)).toBe(await testDue(database.db, b.id, false, now));
		expect(read.passed).toBe(await hasPassed(database.db, b.id));
		expect(read.passed).toBe(true);
		expect((await learnerDashboard(database.db, b.id, new Date(now.getTime() + 2 * DAY))).practice.due).toEqual(['oef-b', 'oef-a', 'oef-c']);
	});
	it('counts a module assignment in progress in the cohort table once any item of that module is touched, not another module’s', async () => {
		const c = await createUser(database.db, { email: 'c@x.nl', displayName: 'c', password: 'een lange zin hier', role: 'trainee' });
		if (!c) throw new Error('no user');
		await joinCohort(database.db, cohortId, c.id);
		const made = await createAssignment(database.db, fixtureCourse, {
			cohortId,
			targetType: 'module',
			targetId: 'proef',
			dueAt: new Date(Date.now() + 7 * DAY),
			note: '',
			learnerIds: [c.id]
		});
		if (!made.ok) throw new Error(made.error);
		const inTable = async () => (await cohortOverview(database.db, fixtureCourse, cohortId, 'name', 'nl')).rows.find((r) => r.id === c.id)?.statuses[made.id];
		expect(await inTable()).toBe('not-started');
		await touchItem(database.db, c.id, item('les-twee', 'lesson'), 'completed');
		expect(await inTable()).toBe('not-started');
		await touchItem(database.db, c.id, reflectionItem, 'started');
		expect(await inTable()).toBe('in-progress');
		expect((await cohortOverview(database.db, fixtureCourse, cohortId, 'name', 'nl')).rows.find((r) => r.id === a.id)?.statuses[made.id]).toBeNull();
	});
});
