import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { logAccess } from '../../src/lib/server/audit';
import { learnerProgress, touchItem } from '../../src/lib/server/learning/progress';
import { createCohort, joinCohort, leaveCohort } from '../../src/lib/server/supervision/cohorts';
import { createAssignment, readyToSubmit, replyToFeedback, reviewSubmission, submitAssignment } from '../../src/lib/server/supervision/assignments';
import { inboxOf } from '../../src/lib/server/supervision/inbox';
import { cohortOverview } from '../../src/lib/server/supervision/overview';

const DAY = 86_400_000;
const asUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale });

describe.each(drivers)('supervisor inbox on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let s1: SessionUser, s2: SessionUser, a: SessionUser, b: SessionUser;
	let cohortId = '';
	let otherCohortId = '';

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const make = async (email: string, role: 'trainee' | 'supervisor') => {
			const u = await createUser(database.db, { email, displayName: email.split('@')[0] ?? email, password: 'een lange zin hier', role });
			if (!u) throw new Error('no user');
			return asUser(u);
		};
		[s1, s2, a, b] = await Promise.all([
			make('s1@x.nl', 'supervisor'),
			make('s2@x.nl', 'supervisor'),
			make('anna@x.nl', 'trainee'),
			make('bram@x.nl', 'trainee')
		]);
		cohortId = (await createCohort(database.db, s1.id, 'Groep een')).id;
		otherCohortId = (await createCohort(database.db, s2.id, 'Groep van een ander')).id;
		for (const learner of [a, b]) await joinCohort(database.db, cohortId, learner.id);
		await joinCohort(database.db, otherCohortId, b.id);
	});
	afterAll(async () => database?.drop());

	it('is empty for a supervisor with nothing to do', async () => {
		expect(await inboxOf(database.db, s1.id)).toEqual({ total: { waiting: 0, late: 0, reply: 0 }, cohorts: [] });
	});

	it('lists submitted work waiting for feedback, late work and unread replies, per cohort and in total; another supervisor sees none of it', async () => {
		const vignette = item('casus', 'vignette');
		const made = async (learnerIds: string[], dueAt: Date, created = new Date(dueAt.getTime() - 10 * DAY)) => {
			const r = await createAssignment(
				database.db,
				fixtureCourse,
				{ cohortId, targetType: 'vignette', targetId: vignette.id, dueAt, note: '', learnerIds },
				created
			);
			if (!r.ok) throw new Error(r.error);
			return r.id;
		};
		const submitted = await made([a.id], new Date(Date.now() + 7 * DAY), new Date());
		const late = await made([b.id], new Date(Date.now() - DAY));
		const reviewed = await made([a.id], new Date(Date.now() + 7 * DAY), new Date());
		const notDue = await made([b.id], new Date(Date.now() + 7 * DAY), new Date());
		expect(await submitAssignment(database.db, fixtureCourse, submitted, a.id, 'nl')).toBe(true);
		expect(await submitAssignment(database.db, fixtureCourse, reviewed, a.id, 'nl')).toBe(true);
		expect(await reviewSubmission(database.db, reviewed, a.id, 'Goed gedaan.')).toBe(true);

		let inbox = await inboxOf(database.db, s1.id);
		expect(inbox.total).toEqual({ waiting: 1, late: 1, reply: 0 });
		expect(inbox.cohorts.map((c) => [c.name, c.counts])).toEqual([['Groep een', { waiting: 1, late: 1, reply: 0 }]]);
		const entries = inbox.cohorts[0]?.entries.map((e) => [e.kind, e.assignmentId, e.learnerName]);
		expect(entries).toEqual(
			expect.arrayContaining([
				['waiting', submitted, 'anna'],
				['late', late, 'bram']
			])
		);
		expect(entries?.some(([, id]) => id === notDue || id === reviewed)).toBe(false);

		// The trainee replies: unread until the supervisor opens the submission (the access log).
		expect(await replyToFeedback(database.db, reviewed, a.id, 'Dank je.')).toBe(true);
		inbox = await inboxOf(database.db, s1.id);
		expect(inbox.total.reply).toBe(1);
		expect(inbox.cohorts[0]?.entries.find((e) => e.kind === 'reply')).toMatchObject({ assignmentId: reviewed, learnerId: a.id, cohortId });
		// Someone else reading it does not mark it read for s1.
		await logAccess(database.db, s2, a.id, [`submission:${reviewed}`]);
		expect((await inboxOf(database.db, s1.id)).total.reply).toBe(1);
		await logAccess(database.db, s1, a.id, [`submission:${reviewed}`]);
		expect((await inboxOf(database.db, s1.id)).total).toEqual({ waiting: 1, late: 1, reply: 0 });

		// Another supervisor, though bram is in their cohort too, sees nothing of s1's cohort.
		expect(await inboxOf(database.db, s2.id)).toEqual({ total: { waiting: 0, late: 0, reply: 0 }, cohorts: [] });

		// A trainee who left the cohort is no longer the supervisor's to follow.
		expect(await leaveCohort(database.db, cohortId, b.id)).toBe(true);
		expect((await inboxOf(database.db, s1.id)).total).toEqual({ waiting: 1, late: 0, reply: 0 });
		await joinCohort(database.db, cohortId, b.id);
	});

	it('lists the late work of every trainee an assignment went to', async () => {
		const extra: string[] = [];
		for (let i = 0; i < 5; i++) {
			const u = await createUser(database.db, { email: `extra${i}@x.nl`, displayName: `extra ${i}`, password: 'een lange zin hier', role: 'trainee' });
			if (!u) throw new Error('no user');
			await joinCohort(database.db, cohortId, u.id);
			extra.push(u.id);
		}
		const r = await createAssignment(
			database.db,
			fixtureCourse,
			{ cohortId, targetType: 'module', targetId: 'tweede', dueAt: new Date(Date.now() - DAY), note: '', learnerIds: extra },
			new Date(Date.now() - 10 * DAY)
		);
		expect(r.ok).toBe(true);
		const inbox = await inboxOf(database.db, s1.id);
		expect(inbox.cohorts[0]?.entries.filter((e) => e.kind === 'late' && extra.includes(e.learnerId))).toHaveLength(5);
	});

	it('the cohort table sorts by an assignment with late work first, and an unknown key sorts by name', async () => {
		const r = await createAssignment(
			database.db,
			fixtureCourse,
			{ cohortId, targetType: 'module', targetId: 'proef', dueAt: new Date(Date.now() - DAY), note: '', learnerIds: [b.id] },
			new Date(Date.now() - 10 * DAY)
		);
		if (!r.ok) throw new Error(r.error);
		const byAssignment = await cohortOverview(database.db, fixtureCourse, cohortId, `assignment:${r.id}`, 'nl');
		expect(byAssignment.sort).toBe(`assignment:${r.id}`);
		expect(byAssignment.rows[0]?.displayName).toBe('bram');
		expect(byAssignment.rows[0]?.statuses[r.id]).toBe('late');
		const byName = await cohortOverview(database.db, fixtureCourse, cohortId, 'assignment:999999', 'nl');
		expect(byName.sort).toBe('name');
		expect(byName.rows.map((x) => x.displayName)).toEqual([...byName.rows.map((x) => x.displayName)].sort((x, y) => x.localeCompare(y, 'nl')));
		expect(byName.rows[0]?.displayName).toBe('anna');
	});

	it('an assignment is ready to submit once every one of its items is completed', async () => {
		const rows = async () => learnerProgress(database.db, b.id);
		expect(readyToSubmit(fixtureCourse, await rows(), 'module', 'tweede')).toBe(false);
		await touchItem(database.db, b.id, item('les-twee', 'lesson'), 'started');
		expect(readyToSubmit(fixtureCourse, await rows(), 'module', 'tweede')).toBe(false);
		await touchItem(database.db, b.id, item('les-twee', 'lesson'), 'completed');
		expect(readyToSubmit(fixtureCourse, await rows(), 'module', 'tweede')).toBe(true);
		expect(readyToSubmit(fixtureCourse, await rows(), 'module', 'proef')).toBe(false);
		expect(readyToSubmit(fixtureCourse, await rows(), 'module', 'bestaat-niet')).toBe(false);
	});
});
