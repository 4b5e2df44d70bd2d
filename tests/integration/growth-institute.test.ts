/**
 * The institute's growth report (/beheer/groei) and the peers' calibration on the supervisor's growth page (issue 16),
 * through the routes themselves: k >= 3 for every cohort and for all trainees together; only the course owner sees
 * the institute's report and its CSV (no names); only the cohort's supervisor sees its peers, named where they chose.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { drivers, freshDatabase } from './databases';
import { drill } from '../fixtures/practice';
import type { Database } from '../../src/lib/server/db';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/accounts';
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { createGroup, joinGroup, setShowName } from '../../src/lib/server/groups/groups';
import { instituteGrowth } from '../../src/lib/server/growth/institute';
import { saveResponse, shareResponse } from '../../src/lib/server/practice/responses';
import { submitRating } from '../../src/lib/server/rating/ratings';
import { saveCalibrationScore } from '../../src/lib/server/rating/calibration';
import { course } from '../../src/lib/server/content';
import { answerSelfEfficacy, completeTest, saveTestResponse, startTest } from '../../src/lib/server/rating/performance';

/** The request the routes' guards read (SvelteKit's getRequestEvent), set per call. */
const request = vi.hoisted(() => ({ user: null as SessionUser | null, url: new URL('http://localhost/') }));
vi.mock('$app/server', () => ({ getRequestEvent: () => ({ locals: { user: request.user }, url: request.url }) }));

const all = (score: number) => Object.fromEntries(PRACTICE_SKILLS.map((s, j) => [s, Math.min(5, score + (j % 2))]));
/** What a load or endpoint threw (SvelteKit's error and redirect are thrown values), or nothing. */
const caught = async (run: () => unknown) =>
	Promise.resolve()
		.then(run)
		.then(
			() => undefined,
			(value: unknown) => value
		);

describe.each(drivers)('the institute report and the peers on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const people: Record<string, SessionUser> = {};
	const user = async (name: string, role: 'trainee' | 'supervisor' | 'admin') => {
		const u = await createUser(database.db, { email: `${name}@example.nl`, displayName: `Naam-${name}`, password: 'een lange zin hier', role });
		if (!u) throw new Error('no user');
		people[name] = { id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale };
		return people[name];
	};
	const as = (who: string | null, path: string) => {
		request.user = who ? (people[who] ?? null) : null;
		request.url = new URL(path, 'http://localhost');
	};
	/** A learner's rated pre- and post-test (scores rising by `gain`) and self-efficacy. */
	const rated = async (learner: SessionUser, rater: SessionUser, pre: number, gain: number) => {
		for (const [phase, score] of [
			['pre', pre],
			['post', pre + gain]
		] as const) {
			await startTest(database.db, learner.id, phase);
			const id = await saveTestResponse(database.db, learner.id, phase, drill('oefening-vader'), `${phase} antwoord`);
			expect(await submitRating(database.db, rater, id, { scores: all(score), comment: 'ok', calibrated: true })).toBe('saved');
			await answerSelfEfficacy(database.db, learner.id, phase, { 'ze-een': score + 1 });
			expect(await completeTest(database.db, learner.id, phase)).toBe(true);
		}
	};
	let small = '';
	let large = '';

	beforeAll(async () => {
		database = await freshDatabase(driver);
		(globalThis as { ontroerdDb?: Promise<Database> }).ontroerdDb = Promise.resolve(database);
		const db = database.db;
		await user('beheer', 'admin');
		await user('een', 'supervisor');
		const two = await user('twee', 'supervisor');
		// Supervisor two's cohort of two, rated: never enough on its own.
		const cohort = await createCohort(db, two.id, 'Klein');
		small = cohort.id;
		for (const [i, name] of ['d', 'e'].entries()) {
			const learner = await user(name, 'trainee');
			await joinCohort(db, small, learner.id);
			await rated(learner, two, 2 + i, 1);
		}
	});
	afterAll(async () => {
		delete (globalThis as { ontroerdDb?: Promise<Database> }).ontroerdDb;
		await database?.drop();
	});

	it('shows nothing below three trainees in all: no report, no CSV', async () => {
		expect((await instituteGrowth(database.db, PRACTICE_SKILLS)).cohorts).toEqual([expect.objectContaining({ name: 'Klein', report: null })]);
		const { load } = await import('../../src/routes/beheer/groei/+page.server');
		as('beheer', '/beheer/groei');
		const data = (await load({} as never)) as { report: unknown; cohorts: { name: string; report: unknown }[] };
		expect(data.report).toBeNull();
		expect(data.cohorts).toEqual([expect.objectContaining({ name: 'Klein', report: null })]);
		const { GET } = await import('../../src/routes/beheer/groei/groei.csv/+server');
		expect(await caught(() => GET({} as never))).toMatchObject({ status: 404 });
	});

	it('counts every cohort with three or more, and all trainees together once each; a cohort of two stays empty', async () => {
		const db = database.db;
		const large_ = await createCohort(db, people.een!.id, 'Groot');
		large = large_.id;
		for (const [i, name] of ['a', 'b', 'c'].entries()) {
			const learner = await user(name, 'trainee');
			await joinCohort(db, large, learner.id);
			await rated(learner, people.een!, 1 + i, 1 + (i % 2));
		}
		// A trainee of the small cohort is in the large one too: counted once in the whole.
		await joinCohort(db, large, people.d!.id);
		const institute = await instituteGrowth(db, PRACTICE_SKILLS);
		expect(institute.learnerIds).toHaveLength(5);
		expect(institute.cohorts.map((c) => [c.name, c.report?.learners ?? null])).toEqual([
			['Groot', 4],
			['Klein', null]
		]);

		const { load } = await import('../../src/routes/beheer/groei/+page.server');
		as('beheer', '/beheer/groei');
		const data = (await load({} as never)) as {
			report: { learners: number; skills: { change: { n: number } | null }[] } | null;
			cohorts: { name: string; report: { learners: number; d: Record<string, number | null> } | null }[];
		};
		expect(data.report?.learners).toBe(5);
		expect(data.report?.skills[0]?.change?.n).toBe(5);
		expect(data.cohorts.map((c) => [c.name, c.report?.learners ?? null])).toEqual([
			['Groot', 4],
			['Klein', null]
		]);
		expect(data.cohorts[0]?.report?.d[PRACTICE_SKILLS[0]]).toEqual(expect.any(Number));

		const { GET } = await import('../../src/routes/beheer/groei/groei.csv/+server');
		const csv = (await GET({} as never)) as Response;
		expect(csv.headers.get('content-type')).toContain('text/csv');
		const text = await csv.text();
		expect(text).toContain('d_av');
		expect(text).not.toContain('Naam-');
		expect(text).not.toContain('Klein');
	});

	it('is the course owner’s only: a supervisor gets "not found", a visitor the login page', async () => {
		const { load } = await import('../../src/routes/beheer/groei/+page.server');
		const { GET } = await import('../../src/routes/beheer/groei/groei.csv/+server');
		for (const who of ['een', 'a']) {
			as(who, '/beheer/groei');
			expect(await caught(() => load({} as never)), who).toMatchObject({ status: 404 });
			expect(await caught(() => GET({} as never)), who).toMatchObject({ status: 404 });
		}
		as(null, '/beheer/groei');
		expect(await caught(() => load({} as never))).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fbeheer%2Fgroei' });
	});

	it("shows the cohort's supervisor the peers who rated its group-shared responses: named by their choice, calibrated or not", async () => {
		const db = database.db;
		const [author, shown, hidden] = [people.a!, await user('zichtbaar', 'trainee'), await user('verborgen', 'trainee')];
		const group = await createGroup(db, author.id, 'Intervisie');
		for (const member of [shown, hidden, people.een!]) await joinGroup(db, group.id, member.id);
		await setShowName(db, group.id, shown.id, true);
		const { id } = await saveResponse(db, author.id, drill('oefening-vader'), { body: 'Gedeeld met de groep', bodyNote: null, place: 'practice' });
		await shareResponse(db, author.id, id, { visibility: 'group', groupId: group.id, named: true });
		// The peer who shows her name calibrated first, exactly on the anchors; the other did not.
		for (const item of course.practice.calibration) await saveCalibrationScore(db, shown.id, 1, item.id, item.ratings);
		for (const peer of [shown, hidden, people.een!])
			expect(await submitRating(db, peer, id, { scores: all(3), comment: 'ok', calibrated: peer === shown })).toBe('saved');

		const { load } = await import('../../src/routes/supervisor/cohorts/[cohort=uuid]/groei/+page.server');
		const path = `/supervisor/cohorts/${large}/groei`;
		as('een', path);
		const data = (await load({ params: { cohort: large } } as never)) as { peers: unknown[] };
		// The supervisor's own rating is not a peer's; the peer who keeps her name to the group is unnamed.
		expect(data.peers).toEqual([
			{ name: 'Naam-zichtbaar', rated: 1, calibration: { at: expect.any(Date), exact: 1, withinOne: 1, meanDifference: 0 } },
			{ name: null, rated: 1, calibration: null }
		]);
		as('twee', path);
		expect(await caught(() => load({ params: { cohort: large } } as never))).toMatchObject({ status: 404 });
		as('a', path);
		expect(await caught(() => load({ params: { cohort: large } } as never))).toMatchObject({ status: 404 });
		as(null, path);
		expect(await caught(() => load({ params: { cohort: large } } as never))).toMatchObject({ status: 303 });
		// Supervisor two's cohort has no group-shared responses: no peers.
		as('twee', `/supervisor/cohorts/${small}/groei`);
		expect(((await load({ params: { cohort: small } } as never)) as { peers: unknown[] }).peers).toEqual([]);
	});
});
