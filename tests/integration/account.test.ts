import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { drivers, freshDatabase } from './databases';
import { item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import * as schema from '../../src/lib/server/db/schema';
import { accessLog, assignmentLearners, assignments, cohortMembers, cohorts, quizAnswers, reflections, type User } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { login } from '../../src/lib/server/auth/login';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette } from '../../src/lib/server/learning/vignettes';
import { answerQuestion } from '../../src/lib/server/learning/quizzes';
import { reflectionsOf, saveReflection } from '../../src/lib/server/learning/reflections';
import { logAccess } from '../../src/lib/server/audit';
import { canReadReflection } from '../../src/lib/server/policy';
import { confirmPassword } from '../../src/lib/server/account/confirm';
import { exportOf } from '../../src/lib/server/account/export';
import { accessLogView } from '../../src/lib/server/account/access';
import { deleteAccount } from '../../src/lib/server/account/delete';

const PASSWORD = 'een lange zin voor de test';

describe.each(drivers)("a learner's own data on %s", (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let learner: User;
	let other: User;
	let supervisor: User;
	let stranger: User;
	const reflection = item('reflectie', 'reflection');
	const vignette = item('casus', 'vignette');
	const quiz = item('quiz', 'quiz');
	const key = reflection.reflectionKey;

	async function account(email: string, displayName: string, role: 'trainee' | 'supervisor' = 'trainee') {
		const user = await createUser(database.db, { email, displayName, password: PASSWORD, role });
		if (!user) throw new Error(`no account for ${email}`);
		return user;
	}

	/** Work of one trainee in the supervisor's cohort: learning data, a reviewed submission, a read by the supervisor. */
	async function workOf(user: User, text: string, assignmentId: number) {
		const db = database.db;
		await touchItem(db, user.id, item('les-een', 'lesson'), 'completed');
		await chooseInVignette(db, user.id, vignette, 'begin', 'stil');
		await answerQuestion(db, user.id, quiz, 'een', 'a');
		await saveReflection(db, user.id, { key, item: reflection, body: text, baseVersion: 0, visibility: 'supervisor' });
		await db.insert(assignmentLearners).values({
			assignmentId,
			learnerId: user.id,
			submittedAt: new Date(),
			snapshot: {
				locale: 'nl',
				items: [{ id: 'casus', type: 'vignette', title: 'Casus', completed: true, reflections: [{ prompt: 'Wat raakt je?', body: `ingeleverd: ${text}` }] }]
			},
			feedback: `feedback voor ${user.displayName}`,
			reviewedAt: new Date(),
			reply: `antwoord van ${user.displayName}`,
			repliedAt: new Date()
		});
		await logAccess(db, supervisor, user.id, [`reflection:${key}`]);
	}

	beforeAll(async () => {
		database = await freshDatabase(driver);
		learner = await account('lotte@example.nl', 'Lotte Leerling');
		other = await account('olaf@example.nl', 'Olaf Ander');
		supervisor = await account('sanne@example.nl', 'Sanne Supervisor', 'supervisor');
		stranger = await account('stijn@example.nl', 'Stijn Vreemd', 'supervisor');
		const cohortId = crypto.randomUUID();
		await database.db.insert(cohorts).values({ id: cohortId, supervisorId: supervisor.id, name: 'Opleidingsgroep voorjaar' });
		await database.db.insert(cohortMembers).values([
			{ cohortId, learnerId: learner.id },
			{ cohortId, learnerId: other.id }
		]);
		const [assignment] = await database.db
			.insert(assignments)
			.values({ cohortId, targetType: 'vignette', targetId: 'casus', dueAt: new Date(Date.now() + 864e5), note: 'Graag voor vrijdag' })
			.returning();
		await workOf(learner, 'Mijn eigen tranen bij een afscheid', assignment?.id ?? 0);
		await workOf(other, 'Geheim verhaal van Olaf', assignment?.id ?? 0);
	});
	afterAll(async () => database?.drop());

	it('shares a reflection with my supervisor and takes it back at once', async () => {
		const read = async (viewer: User) => {
			const row = (await reflectionsOf(database.db, learner.id, [key])).get(key);
			if (!row) throw new Error('no reflection');
			return canReadReflection(database.db, viewer, row);
		};
		const [current] = await database.db.select().from(reflections).where(eq(reflections.learnerId, learner.id));
		const body = current?.body ?? '';
		let version = current?.version ?? 0;

		const hidden = await saveReflection(database.db, learner.id, { key, item: reflection, body, baseVersion: version, visibility: 'private' });
		expect(hidden).toMatchObject({ ok: true, version: version + 1, visibility: 'private' });
		version += 1;
		expect(await read(supervisor)).toBe(false);

		// Only the visibility changes: that is a save of its own.
		const shared = await saveReflection(database.db, learner.id, { key, item: reflection, body, baseVersion: version, visibility: 'supervisor' });
		expect(shared).toMatchObject({ ok: true, version: version + 1, visibility: 'supervisor' });
		version += 1;
		expect(await read(supervisor)).toBe(true);
		expect(await read(stranger)).toBe(false); // a supervisor, but not mine
		expect(await read(other)).toBe(false);
		expect(await read(learner)).toBe(true);

		// A retried request is harmless; a stale tab that would hide it again gets a conflict, not a silent change.
		expect(await saveReflection(database.db, learner.id, { key, item: reflection, body, baseVersion: version - 1, visibility: 'supervisor' })).toMatchObject({
			ok: true,
			version
		});
		expect(await saveReflection(database.db, learner.id, { key, item: reflection, body, baseVersion: version - 1, visibility: 'private' })).toMatchObject({
			ok: false,
			conflict: { version, visibility: 'supervisor' }
		});
		// Leaving the visibility out keeps it.
		expect(await saveReflection(database.db, learner.id, { key, item: reflection, body: `${body}!`, baseVersion: version })).toMatchObject({
			ok: true,
			visibility: 'supervisor'
		});
		version += 1;

		expect(
			await saveReflection(database.db, learner.id, { key, item: reflection, body: `${body}!`, baseVersion: version, visibility: 'private' })
		).toMatchObject({ ok: true, visibility: 'private' });
		expect(await read(supervisor)).toBe(false);
		await saveReflection(database.db, learner.id, { key, item: reflection, body, baseVersion: version + 1, visibility: 'supervisor' });
	});

	it('asks for the right password before an export or a deletion', async () => {
		expect(await confirmPassword(database.db, learner, 'niet mijn wachtwoord')).toEqual({ ok: false, reason: 'wrong' });
		expect(await confirmPassword(database.db, learner, '')).toEqual({ ok: false, reason: 'wrong' });
		expect(await confirmPassword(database.db, learner, PASSWORD)).toEqual({ ok: true });
	});

	it('exports everything of mine, and nothing of anyone else, and no password hash', async () => {
		const data = await exportOf(database.db, learner.id);
		if (!data) throw new Error('no export');
		const text = JSON.stringify(data);
		expect(data.account).toEqual(expect.objectContaining({ id: learner.id, email: 'lotte@example.nl', displayName: 'Lotte Leerling' }));
		expect(data.progress.map((p) => p.itemId)).toContain('les-een');
		expect(data.vignetteAttempts[0]?.path).toEqual([{ step: 'begin', choice: 'stil' }]);
		expect(data.quizAttempts[0]?.answers).toEqual([expect.objectContaining({ questionId: 'een', answer: 'a' })]);
		expect(data.reflections).toEqual([expect.objectContaining({ promptKey: key, body: 'Mijn eigen tranen bij een afscheid', visibility: 'supervisor' })]);
		expect(data.cohortMemberships).toEqual([expect.objectContaining({ cohort: 'Opleidingsgroep voorjaar', supervisor: 'Sanne Supervisor' })]);
		expect(data.assignments).toEqual([
			expect.objectContaining({ targetId: 'casus', note: 'Graag voor vrijdag', feedback: 'feedback voor Lotte Leerling', reply: 'antwoord van Lotte Leerling' })
		]);
		expect(text).toContain('ingeleverd: Mijn eigen tranen bij een afscheid');
		expect(data.accessLog).toEqual([expect.objectContaining({ viewer: 'Sanne Supervisor', what: `reflection:${key}` })]);
		expect(await accessLogView(database.db, learner.id, 'nl')).toEqual([
			expect.objectContaining({ viewer: 'Sanne Supervisor', kind: 'reflection', inExport: false })
		]);

		for (const foreign of ['Geheim verhaal van Olaf', 'Olaf', other.id, 'olaf@example.nl', 'sanne@example.nl', supervisor.id, 'stijn@example.nl']) {
			expect(text).not.toContain(foreign);
		}
		expect(text).not.toContain(learner.passwordHash);
		expect(text).not.toMatch(/argon2|passwordHash|password_hash/);
		expect(await exportOf(database.db, crypto.randomUUID())).toBeNull();
	});

	it('erases every row of mine in every table, ends my sessions and leaves the others intact', async () => {
		const db = database.db;
		const mine = [generateSessionToken(), generateSessionToken()];
		for (const token of mine) await createSession(db, token, learner.id);
		const theirs = generateSessionToken();
		await createSession(db, theirs, other.id);
		await logAccess(db, learner, other.id, ['reflection:een-gelezen-reflectie']); // a read by me stays in Olaf's log
		await confirmPassword(db, learner, 'fout'); // leaves a back-off row keyed by my e-mail address
		const answersBefore = await db.select().from(quizAnswers);

		await deleteAccount(db, learner);

		for (const token of mine) expect((await validateSessionToken(db, token)).user).toBeNull();
		const tables = Object.entries(schema).filter(([, t]) => is(t, PgTable)) as [string, PgTable][];
		expect(tables.length).toBeGreaterThanOrEqual(13);
		for (const [name, table] of tables) {
			const rows = JSON.stringify(await db.select().from(table));
			expect(rows, name).not.toContain(learner.id);
			expect(rows, name).not.toContain('lotte@example.nl');
			expect(rows, name).not.toContain('Mijn eigen tranen');
		}
		expect(await db.select().from(quizAnswers)).toHaveLength(answersBefore.length - 1);
		expect((await login(db, 'lotte@example.nl', PASSWORD, '10.9.0.1')).ok).toBe(false);

		// Olaf keeps everything, including the record that someone (now gone) read his reflection.
		expect((await validateSessionToken(db, theirs)).user?.id).toBe(other.id);
		expect((await reflectionsOf(db, other.id, [key])).get(key)?.body).toBe('Geheim verhaal van Olaf');
		expect(await db.select().from(cohortMembers).where(eq(cohortMembers.learnerId, other.id))).toHaveLength(1);
		expect(await db.select().from(assignmentLearners).where(eq(assignmentLearners.learnerId, other.id))).toHaveLength(1);
		const log = await db.select().from(accessLog).where(eq(accessLog.learnerId, other.id));
		expect(log).toHaveLength(2);
		expect(log.find((r) => r.viewerName === 'Lotte Leerling')?.viewerId).toBeNull();
		expect((await exportOf(db, other.id))?.quizAttempts[0]?.answers).toHaveLength(1);
		expect((await login(db, 'olaf@example.nl', PASSWORD, '10.9.0.2')).ok).toBe(true);
		expect((await login(db, 'sanne@example.nl', PASSWORD, '10.9.0.3')).ok).toBe(true);
	});
});
