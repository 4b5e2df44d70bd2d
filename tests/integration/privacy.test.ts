/**
 * Every column that refers to a person is covered by the data export (or excluded with a reason)
 * and emptied by account deletion. The list of columns comes from the database's own catalogue, so
 * a new table with a user column fails here until src/lib/server/account/personal-data.ts names it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql, type SQL } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import {
	assignmentLearners,
	assignments,
	authTokens,
	cmi5Accounts,
	cmi5Launches,
	cohortMembers,
	cohorts,
	type User,
	writeKeys
} from '../../src/lib/server/db/schema';
import { registerXapiCourse, setXapiConfig } from '../../src/lib/server/xapi/config';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { touchItem } from '../../src/lib/server/learning/progress';
import { chooseInVignette } from '../../src/lib/server/learning/vignettes';
import { answerQuestion } from '../../src/lib/server/learning/quizzes';
import { saveReflection } from '../../src/lib/server/learning/reflections';
import { recordBeat } from '../../src/lib/server/learning/study-time';
import { logAccess } from '../../src/lib/server/audit';
import { confirmPassword } from '../../src/lib/server/account/confirm';
import { exportOf } from '../../src/lib/server/account/export';
import { deleteAccount } from '../../src/lib/server/account/delete';
import { PERSONAL_DATA, WITHOUT_PERSON_COLUMN } from '../../src/lib/server/account/personal-data';
import { createInvite } from '../../src/lib/server/supervision/cohorts';
import { createGroupInvite } from '../../src/lib/server/groups/invites';
import { requestPasswordReset } from '../../src/lib/server/auth/reset';
import { createGroup, joinGroup } from '../../src/lib/server/groups/groups';
import { createPost } from '../../src/lib/server/groups/discussion';
import { certificateSkillScores, testAttempts, testEvaluations } from '../../src/lib/server/db/schema';
import { issueCertificate, verifyCertificate } from '../../src/lib/server/certificates/issue';
import { initialsAndSurname } from '../../src/lib/server/certificates/holder';
import { attemptFor, saveAnswers, startAttempt, submitAttempt } from '../../src/lib/server/assessment/attempts';
import { saveEvaluation } from '../../src/lib/server/assessment/evaluation';
import { fixtureTest } from '../fixtures/test-pool';
import { drill } from '../fixtures/practice';
import { rateResponse, recordView, saveResponse, shareResponse } from '../../src/lib/server/practice/responses';
import { replyToRating, submitRating } from '../../src/lib/server/rating/ratings';
import { saveCalibrationScore } from '../../src/lib/server/rating/calibration';
import { answerSelfEfficacy, completeTest, saveTestResponse, startTest } from '../../src/lib/server/rating/performance';
import {
	groupMeetings,
	ltiAccounts,
	ltiCohorts,
	ltiContextMembers,
	ltiDeployments,
	ltiGradeLinks,
	ltiLoginStates,
	ltiNonces,
	ltiPlatforms
} from '../../src/lib/server/db/schema';

const PASSWORD = 'een lange zin voor de privacytest';
/** Column names that hold a person without a foreign key to say so. */
const PERSONISH = '(^|_)(user|learner|viewer|author|member|supervisor|facilitator|owner|reader|email|holder|printed)(_id|_name)?$';

type Column = { table: string; column: string };
const name = (c: Column) => `${c.table}.${c.column}`;

describe.each(drivers)('personal data coverage on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let pia: User;
	let certificateNumber = '';
	let peer: User;
	let supervisor: User;

	async function rows<T>(query: SQL): Promise<T[]> {
		const result = (await database.db.execute(query)) as unknown as T[] | { rows: T[] };
		return Array.isArray(result) ? result : result.rows;
	}

	/** Columns that refer to users.id by foreign key, plus person-like names, from the catalogue. */
	async function userColumns(): Promise<string[]> {
		const byKey = await rows<Column>(sql`
			select cl.relname as "table", a.attname as "column"
			from pg_constraint c
			join pg_class cl on cl.oid = c.conrelid
			join pg_class ref on ref.oid = c.confrelid
			join pg_namespace n on n.oid = ref.relnamespace
			join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any (c.conkey)
			where c.contype = 'f' and ref.relname = 'users' and n.nspname = 'public'`);
		const byName = await rows<Column>(sql`
			select table_name as "table", column_name as "column" from information_schema.columns
			where table_schema = 'public' and column_name ~ ${PERSONISH}`);
		return [...new Set(['users.id', ...byKey.map(name), ...byName.map(name)])].sort();
	}

	/** Rows of `column` that still point at this person: their id, e-mail address (also inside a key), name, or initials and surname. */
	async function rowsNaming(c: Column, user: User): Promise<number> {
		const col = sql.identifier(c.column);
		const [row] = await rows<{ n: number | string }>(
			sql`select count(*) as n from ${sql.identifier(c.table)} where ${col}::text = ${user.id} or ${col}::text = ${user.displayName} or ${col}::text = ${initialsAndSurname(user.displayName)} or position(${user.email} in ${col}::text) > 0`
		);
		return Number(row?.n ?? 0);
	}

	/** Pia has a row in every table that can refer to a person: as learner, supervisor, group member, reader. */
	async function seedEverything() {
		const db = database.db;
		const reflection = item('reflectie', 'reflection');
		// With an LRS configured, Pia's learning also queues statements for it.
		registerXapiCourse(fixtureCourse);
		setXapiConfig({ endpoint: 'http://127.0.0.1:9/xapi/', key: 'k', secret: 's', freeText: false, origin: 'https://ontroerd.example.nl' });
		await createSession(db, generateSessionToken(), pia.id);
		await touchItem(db, pia.id, item('les-een', 'lesson'), 'completed');
		await recordBeat(db, pia.id, 'les-een', 20);
		await chooseInVignette(db, pia.id, item('casus', 'vignette'), 'begin', 'stil');
		await answerQuestion(db, pia.id, item('quiz', 'quiz'), 'een', 'a');
		setXapiConfig(null);
		await db.insert(cmi5Accounts).values({ homePage: 'https://lms.example.nl', name: 'lms-user-7', userId: pia.id });
		await db.insert(cmi5Launches).values({
			id: crypto.randomUUID(),
			learnerId: pia.id,
			moduleId: 'proef',
			endpoint: 'https://lms.example.nl/xapi/',
			authToken: 'secret-of-the-lms',
			registration: crypto.randomUUID(),
			activityId: 'https://lms.example.nl/au/1',
			actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.nl', name: 'lms-user-7' } },
			launchData: { launchMode: 'Normal' }
		});
		await saveReflection(db, pia.id, {
			key: reflection.reflectionKey,
			item: reflection,
			body: 'Pia schrijft iets persoonlijks',
			baseVersion: 0,
			visibility: 'supervisor'
		});
		await saveReflection(db, peer.id, { key: reflection.reflectionKey, item: reflection, body: 'Piet schrijft ook', baseVersion: 0, visibility: 'supervisor' });

		const led = crypto.randomUUID();
		await db.insert(cohorts).values({ id: led, supervisorId: pia.id, name: 'Pia leidt deze groep' });
		await createInvite(db, led);
		const theirs = crypto.randomUUID();
		await db.insert(cohorts).values({ id: theirs, supervisorId: supervisor.id, name: 'Cohort van Sanne' });
		await db.insert(cohortMembers).values({ cohortId: theirs, learnerId: pia.id });
		const [assignment] = await db.insert(assignments).values({ cohortId: theirs, targetType: 'vignette', targetId: 'casus', dueAt: new Date() }).returning();
		await db.insert(assignmentLearners).values({ assignmentId: assignment?.id ?? 0, learnerId: pia.id, submittedAt: new Date() });
		await logAccess(db, supervisor, pia.id, [`reflection:${reflection.reflectionKey}`]);
		await logAccess(db, pia, peer.id, [`reflection:${reflection.reflectionKey}`]);

		const group = await createGroup(db, pia.id, 'Intervisie met Pia');
		await joinGroup(db, group.id, peer.id);
		expect(await createPost(db, group, pia, { body: 'Een bericht van Pia' })).toMatchObject({ ok: true });
		// Her reflection, shared with the group from now on (a reflection_shares row).
		const shared = { key: reflection.reflectionKey, item: reflection, body: 'Pia schrijft iets persoonlijks', baseVersion: 1 };
		expect(await saveReflection(db, pia.id, { ...shared, sharing: { visibility: 'group', groupId: group.id, named: true } })).toMatchObject({ ok: true });
		await createGroupInvite(db, group.id);
		await db.insert(groupMeetings).values({ groupId: group.id, caseId: 'casus', phase: 'done', notes: { vraag: 'Wat raakt je?' } });

		const attemptId = await startAttempt(db, fixtureTest, pia.id);
		const [drawn] = (await attemptFor(db, pia.id, attemptId))!.items;
		expect(await saveAnswers(db, pia.id, attemptId, { [drawn!.itemId]: 'a' })).toMatchObject({ ok: true });
		await submitAttempt(db, fixtureTest, pia.id, attemptId);
		const evaluation = { relevance: 4, objectivesMet: 4, contentQuality: 4, studyLoad: 3, hoursSpent: 6.5, comments: 'Pia vond het nuttig' };
		expect(await saveEvaluation(db, pia.id, attemptId, evaluation, 'v')).toBe(true);
		// Practice: a response (rated, so a card and a rung), shared with the group; an open view of another drill.
		const response = await saveResponse(db, pia.id, drill('oefening-vader'), { body: 'Pia oefent', bodyNote: null, place: 'practice' });
		await rateResponse(db, pia.id, drill('oefening-vader'), response.id, { 'bij-de-emotie': 5, 'benoemen-en-erkennen': 4 }, 'too-easy', new Date());
		await shareResponse(db, pia.id, response.id, { visibility: 'group', groupId: group.id, named: false });
		await recordView(db, pia.id, 'oefening-broer');

		// Rated practice: Pia rates Piet's shared response and calibrates; Piet rates Pia's, and Pia replies.
		const scores = { 'bij-de-emotie': 3, 'benoemen-en-erkennen': 3, 'client-centraal': 3, regie: 3, 'eigen-emotie': 3, betekenis: 3 };
		const theirResponse = await saveResponse(db, peer.id, drill('oefening-vader'), { body: 'Piet oefent', bodyNote: null, place: 'practice' });
		await shareResponse(db, peer.id, theirResponse.id, { visibility: 'group', groupId: group.id, named: false });
		expect(await submitRating(db, pia, theirResponse.id, { scores, comment: 'Pia vindt het warm', calibrated: true })).toBe('saved');
		expect(await submitRating(db, peer, response.id, { scores, comment: 'Piet vindt het rustig', calibrated: false })).toBe('saved');
		const [received] = await rows<{ id: number }>(sql`select id from response_ratings where response_id = ${response.id}`);
		expect(await replyToRating(db, pia.id, Number(received?.id), 'Dank je, Piet')).toBe(true);
		await saveCalibrationScore(db, pia.id, 1, 'kalibratie-els', scores);
		// A pre-test: its form, a response, a self-efficacy answer.
		await startTest(db, pia.id, 'pre');
		await saveTestResponse(db, pia.id, 'pre', drill('oefening-moeder'), 'Pia in de voormeting');
		await answerSelfEfficacy(db, pia.id, 'pre', { 'ze-een': 4 });
		await completeTest(db, pia.id, 'pre');

		await db
			.insert(authTokens)
			.values({ id: crypto.randomUUID(), purpose: 'reset', userId: pia.id, email: pia.email, expiresAt: new Date(Date.now() + 60_000) });
		await db.insert(writeKeys).values({ userId: pia.id, key: crypto.randomUUID(), result: { ok: true } });
		// Pia also came in from a learning platform (LTI): her link by the platform's user id, a course, a score link.
		const platformId = crypto.randomUUID();
		await db.insert(ltiPlatforms).values({
			id: platformId,
			name: 'LMS',
			issuer: 'https://lms.example',
			clientId: 'c',
			authUrl: 'https://lms.example/a',
			tokenUrl: 'https://lms.example/t',
			jwksUrl: 'https://lms.example/j'
		});
		await db.insert(ltiAccounts).values({ platformId, subject: 'pia-sub', userId: pia.id });
		await db.insert(ltiDeployments).values({ platformId, deploymentId: 'd-1' });
		await db.insert(ltiLoginStates).values({ id: 'state-1', platformId, nonce: 'nonce-1', expiresAt: new Date(Date.now() + 60_000) });
		await db.insert(ltiNonces).values({ platformId, nonce: 'nonce-0', expiresAt: new Date(Date.now() + 60_000) });
		await db.insert(ltiCohorts).values({ cohortId: led, platformId, contextId: 'course-1' });
		await db.insert(ltiContextMembers).values({ platformId, contextId: 'course-1', userId: pia.id, role: 'learner' });
		await db.insert(ltiGradeLinks).values({ userId: pia.id, platformId, resourceLinkId: 'rl-1', target: '/modules/proef', scopes: [], subject: 'pia-sub' });
		await confirmPassword(db, pia, 'niet het wachtwoord'); // a back-off row keyed by the address
		await requestPasswordReset(db, pia.email, 'http://localhost'); // a reset link and a mail-limit row keyed by the address

		// A passed final test (a later attempt than the one above) and an evaluation, then a certificate in Pia's name.
		const [attempt] = await db
			.insert(testAttempts)
			.values({ learnerId: pia.id, attempt: 99, submittedAt: new Date(), correct: 12, total: 15, score: 80, passed: true, passMark: 70, contentVersion: 'v' })
			.returning();
		await db.insert(testEvaluations).values({
			learnerId: pia.id,
			attemptId: attempt?.id ?? 0,
			relevance: 4,
			objectivesMet: 4,
			contentQuality: 4,
			studyLoad: 3,
			hoursSpent: 3,
			contentVersion: 'v'
		});
		const certificate = await issueCertificate(db, pia.id, {
			printedName: pia.displayName,
			register: null,
			registerNumber: null,
			shareScores: false,
			shareSkills: false,
			courseTitle: 'Ontroerd',
			locale: 'nl',
			contentVersion: 'v',
			courseUpdated: null,
			points: []
		});
		certificateNumber = certificate?.number ?? '';
		// A rated skill frozen with it (as when she had opted in with a rated post-test).
		await db.insert(certificateSkillScores).values({ number: certificateNumber, learnerId: pia.id, skill: 'regie', name: 'Regie', mean: 4, ratings: 1 });
	}

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const account = async (email: string, displayName: string, role: 'trainee' | 'supervisor') => {
			const user = await createUser(database.db, { email, displayName, password: PASSWORD, role });
			if (!user) throw new Error(`no account for ${email}`);
			return user;
		};
		pia = await account('pia@example.nl', 'Pia Privacy', 'supervisor');
		peer = await account('piet@example.nl', 'Piet Peer', 'trainee');
		supervisor = await account('sanne@example.nl', 'Sanne Supervisor', 'supervisor');
		await seedEverything();
	});
	afterAll(async () => database?.drop());

	it('declares every column that refers to a person, and nothing that is gone', async () => {
		const found = await userColumns();
		const declared = [...new Set(PERSONAL_DATA.map(name))].sort();
		expect(found.length).toBeGreaterThanOrEqual(18);
		// A column here is missing from personal-data.ts: say where it goes in the export, or why not.
		expect(
			found.filter((c) => !declared.includes(c)),
			'undeclared person columns'
		).toEqual([]);
		// The columns here are declared but not in the database (rate_limits.key is declared by hand: the key holds an address).
		expect(
			declared.filter((c) => !found.includes(c) && c !== 'rate_limits.key'),
			'declared columns that do not exist'
		).toEqual([]);
		for (const c of PERSONAL_DATA) {
			if ('notExported' in c) expect(c.notExported.length, name(c)).toBeGreaterThan(20);
		}
	});

	it('names every table: with a person column above, or part of another table (its key cascades), or about nobody, with the reason', async () => {
		const tables = (
			await rows<{ table: string }>(
				sql`select table_name as "table" from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`
			)
		)
			.map((t) => t.table)
			.sort();
		const withPerson = new Set(PERSONAL_DATA.map((c) => c.table));
		const without = new Set(WITHOUT_PERSON_COLUMN.map((t) => t.table));
		expect(tables.length).toBeGreaterThanOrEqual(50);
		// A table here is in neither list of personal-data.ts: say which person it refers to, or why it refers to nobody.
		expect(
			tables.filter((t) => !withPerson.has(t) && !without.has(t)),
			'tables in neither list'
		).toEqual([]);
		expect(
			[...without].filter((t) => withPerson.has(t) || !tables.includes(t)),
			'tables without a person column that have one, or do not exist'
		).toEqual([]);
		for (const t of WITHOUT_PERSON_COLUMN) expect(t.why.length, t.table).toBeGreaterThan(20);
		// Part of another table: a key to it that cascades, so the rows go where the rows they belong to go.
		const keys = await rows<{ table: string; parent: string; onDelete: string }>(sql`
			select cl.relname as "table", ref.relname as "parent", c.confdeltype::text as "onDelete"
			from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_class ref on ref.oid = c.confrelid
			where c.contype = 'f'`);
		for (const t of WITHOUT_PERSON_COLUMN.filter((t) => t.partOf)) {
			expect(
				keys.filter((k) => k.table === t.table && k.parent === t.partOf).map((k) => k.onDelete),
				`${t.table} → ${t.partOf}`
			).toEqual(['c']);
		}
	});

	it('what stays after deletion, or stays without a name, is said on the privacy page in both languages', () => {
		const page = readFileSync('src/routes/privacy/+page.svelte', 'utf8');
		const messages = ['nl', 'en'].map((l) => JSON.parse(readFileSync(`messages/${l}.json`, 'utf8')) as Record<string, string>);
		for (const c of PERSONAL_DATA) {
			if (c.keptAfterDeletion) expect(c.statedIn, `${name(c)} is kept: which privacy page message says so?`).toBeTypeOf('string');
			if (!c.statedIn) continue;
			expect(page, `${c.statedIn} on the privacy page`).toContain(`m.${c.statedIn}(`);
			for (const m of messages) expect(m[c.statedIn]?.length ?? 0, c.statedIn).toBeGreaterThan(20);
		}
	});

	it('the seed has rows in every table that is part of another, and the export holds those it names', async () => {
		const data = await exportOf(database.db, pia.id);
		if (!data) throw new Error('no export');
		for (const t of WITHOUT_PERSON_COLUMN.filter((t) => t.partOf)) {
			const [count] = await rows<{ n: number | string }>(sql`select count(*) as n from ${sql.identifier(t.table)}`);
			expect(Number(count?.n), `no seeded row in ${t.table}`).toBeGreaterThan(0);
		}
		expect(data.quizAttempts.flatMap((a) => a.answers)).not.toEqual([]);
		expect(data.reflectionShares).toEqual([expect.objectContaining({ group: 'Intervisie met Pia' })]);
		expect(JSON.stringify(data.testAttempts)).toContain('"optionOrder"');
		for (const t of WITHOUT_PERSON_COLUMN) if (t.exportedAs) expect(data[t.exportedAs], `${t.table} → export.${t.exportedAs}`).not.toEqual([]);
	});

	it('the seed touches every declared column, and the export holds each exported one', async () => {
		for (const c of PERSONAL_DATA) expect(await rowsNaming(c, pia), `no seeded row for ${name(c)}`).toBeGreaterThan(0);
		const data = await exportOf(database.db, pia.id);
		if (!data) throw new Error('no export');
		for (const c of PERSONAL_DATA) {
			if (!('exportedAs' in c)) continue;
			const part = data[c.exportedAs];
			const filled = Array.isArray(part) ? part.length > 0 : part !== null && typeof part === 'object';
			expect(filled, `${name(c)} → export.${c.exportedAs}`).toBe(true);
		}
		expect(data.readsByMe).toEqual([expect.objectContaining({ what: expect.stringMatching(/^reflection:/) })]);
		expect(data.ratingsReceived).toEqual([expect.objectContaining({ comment: 'Piet vindt het rustig', rater: 'Piet Peer', reply: 'Dank je, Piet' })]);
		expect(data.ratingsGiven).toEqual([expect.objectContaining({ comment: 'Pia vindt het warm', response: 'Piet oefent' })]);
		expect(data.certificates).toEqual([
			expect.objectContaining({ skillsInCredential: false, language: 'nl', skillScores: [{ skill: 'regie', name: 'Regie', mean: 4, ratings: 1 }] })
		]);
		expect(JSON.stringify(data.ratingsGiven)).not.toContain(peer.id);
		expect(JSON.stringify(data.readsByMe)).not.toContain(peer.id);
		expect(JSON.stringify(data)).not.toMatch(/argon2|token|write_?key/i);
	});

	it('account deletion leaves no row naming the person in any declared column, and spares the others', async () => {
		await deleteAccount(database.db, pia);
		const left: string[] = [];
		for (const c of PERSONAL_DATA) {
			if (c.keptAfterDeletion) continue;
			const n = await rowsNaming(c, pia);
			if (n > 0) left.push(`${name(c)}: ${n}`);
		}
		expect(left).toEqual([]);
		// The items of her test attempts have no person column of their own: they go with the attempts (only Pia sat the test).
		const [testItems] = await rows<{ n: number | string }>(sql`select count(*) as n from test_attempt_items`);
		expect(Number(testItems?.n)).toBe(0);
		// The reader's name stays only in the other learner's record, with the reader's id gone.
		const kept = await rows<{ viewer_id: string | null }>(sql`select viewer_id from access_log where viewer_name = ${pia.displayName}`);
		expect(kept).toEqual([{ viewer_id: null }]);
		// Peer and supervisor keep their own data; the group lives on with a new facilitator.
		const [peerRows] = await rows<{ n: number | string }>(sql`select count(*) as n from reflections where learner_id = ${peer.id}`);
		expect(Number(peerRows?.n)).toBe(1);
		const [group] = await rows<{ facilitator_id: string }>(sql`select facilitator_id from groups where name = 'Intervisie met Pia'`);
		expect(group?.facilitator_id).toBe(peer.id);
		// Pia's rating of Piet's response stays, anonymised; Piet's rating of Pia's response went with her response.
		const ratings = await rows<{ comment: string; rater_id: string | null }>(sql`select comment, rater_id from response_ratings order by comment`);
		expect(ratings).toEqual([{ comment: 'Pia vindt het warm', rater_id: null }]);
		// The certificate still verifies, with initials and surname only; what it printed besides is gone.
		expect(await verifyCertificate(database.db, certificateNumber)).toMatchObject({ holder: 'P. Privacy', revokedAt: null });
		const [certificate] = await rows<{ learner_id: string | null }>(sql`select learner_id from certificates where number = ${certificateNumber}`);
		expect(certificate).toEqual({ learner_id: null });
		const [details] = await rows<{ n: number | string }>(sql`select count(*) as n from certificate_details`);
		expect(Number(details?.n)).toBe(0);
	});
});
