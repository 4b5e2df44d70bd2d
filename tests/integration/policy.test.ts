/**
 * The policy's set-based conditions say exactly what its row-by-row answers say: over a matrix of
 * reflections (every visibility, and the stale shapes a share can be left in) and of viewers (the
 * author, peers, outsiders, supervisors of the author and of others, an admin, a demoted supervisor,
 * a stranger), `readableBy(viewer)` selects precisely the rows `canReadReflection` allows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { accessLog, reflectionShares, reflections, type Reflection } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { createGroup, joinGroup } from '../../src/lib/server/groups/groups';
import { sharedReflections as exportedReflections } from '../../src/lib/server/supervision/overview';
import { traineeForSupervisor } from '../../src/lib/server/supervision/trainee';
import { logReads } from '../../src/lib/server/audit';
import { canReadReflection, mayShareWith, readableBy, sharedWithSupervisor } from '../../src/lib/server/policy';

type Role = 'trainee' | 'supervisor' | 'admin';
const asUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale });

describe.each(drivers)('the policy as sets on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const people: Record<string, SessionUser> = {};
	const rows: Record<string, Reflection> = {};
	let cohortId = '';
	let groupId = '';
	const reflectionItem = item('reflectie', 'reflection');

	const p = (name: string): SessionUser => {
		const user = people[name];
		if (!user) throw new Error(`no ${name}`);
		return user;
	};
	const ids = (list: { id: number }[]) => list.map((r) => r.id).sort((a, b) => a - b);
	const named = (...names: string[]) => names.map((n) => rows[n]?.id ?? -1).sort((a, b) => a - b);
	const selected = async (viewer: SessionUser, condition = readableBy(viewer)) =>
		ids(await database.db.select({ id: reflections.id }).from(reflections).where(condition));

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const db = database.db;
		const make = async (name: string, role: Role) => {
			const u = await createUser(db, { email: `${name}@x.nl`, displayName: name, password: 'een lange zin hier', role });
			if (!u) throw new Error('no user');
			return (people[name] = asUser(u));
		};
		const author = await make('author', 'trainee');
		const peer = await make('peer', 'trainee');
		const outsider = await make('outsider', 'trainee');
		const supervisor = await make('supervisor', 'supervisor');
		const otherSupervisor = await make('other-supervisor', 'supervisor');
		const admin = await make('admin', 'admin');
		// Led a cohort with the author in it, then lost the supervisor role: reads nothing as a supervisor.
		const demoted = await make('demoted', 'trainee');
		people.stranger = { id: crypto.randomUUID(), email: 'stranger@x.nl', displayName: 'stranger', role: 'trainee', locale: 'nl' };

		cohortId = (await createCohort(db, supervisor.id, 'Cohort')).id;
		await joinCohort(db, cohortId, author.id);
		await joinCohort(db, cohortId, supervisor.id); // a supervisor who follows the course in their own cohort
		await createCohort(db, otherSupervisor.id, 'Ander cohort');
		await joinCohort(db, (await createCohort(db, admin.id, 'Cohort van de beheerder')).id, author.id);
		await joinCohort(db, (await createCohort(db, demoted.id, 'Oud cohort')).id, author.id);

		const group = await createGroup(db, author.id, 'Groep');
		groupId = group.id;
		await joinGroup(db, group.id, peer.id);
		await joinGroup(db, group.id, supervisor.id);
		// The outsider shares another group with the author; the author was never in the third one.
		const other = await createGroup(db, outsider.id, 'Andere groep');
		await joinGroup(db, other.id, author.id);
		const third = await createGroup(db, outsider.id, 'Derde groep');
		await joinGroup(db, third.id, peer.id);

		const write = async (name: string, learner: SessionUser, visibility: 'private' | 'supervisor' | 'group', shareWith: string[] = []) => {
			const [row] = await db
				.insert(reflections)
				.values({
					learnerId: learner.id,
					promptKey: `sleutel-${name}`,
					itemId: reflectionItem.id,
					body: `Tekst ${name}`,
					version: 1,
					visibility,
					contentVersion: 'test'
				})
				.returning();
			if (!row) throw new Error('no reflection');
			for (const g of shareWith) await db.insert(reflectionShares).values({ reflectionId: row.id, groupId: g, named: false });
			rows[name] = row;
		};
		await write('private', author, 'private');
		await write('to-supervisor', author, 'supervisor');
		await write('to-group', author, 'group', [group.id]);
		await write('to-other-group', author, 'group', [other.id]);
		await write('group-without-share', author, 'group');
		await write('share-but-private', author, 'private', [group.id]); // a stale share row does not open a private reflection
		await write('share-where-author-is-not', author, 'group', [third.id]);
		await write('peer-to-group', peer, 'group', [group.id]);
		await write('peer-to-supervisor', peer, 'supervisor'); // the peer is in no cohort
		await write('supervisor-own', supervisor, 'supervisor');
	}, 120_000);
	afterAll(async () => database?.drop());

	it('selects exactly what canReadReflection allows, for every viewer', async () => {
		const all = await database.db.select().from(reflections);
		for (const viewer of Object.values(people)) {
			const allowed: Reflection[] = [];
			for (const row of all) if (await canReadReflection(database.db, viewer, row)) allowed.push(row);
			expect({ viewer: viewer.displayName, ids: await selected(viewer) }).toEqual({ viewer: viewer.displayName, ids: ids(allowed) });
		}
	});

	it('opens what each rule opens, and nothing for a stranger', async () => {
		const own = ['private', 'to-supervisor', 'to-group', 'to-other-group', 'group-without-share', 'share-but-private', 'share-where-author-is-not'];
		expect(await selected(p('author'))).toEqual(named(...own, 'peer-to-group'));
		expect(await selected(p('peer'))).toEqual(named('to-group', 'peer-to-group', 'peer-to-supervisor'));
		expect(await selected(p('outsider'))).toEqual(named('to-other-group'));
		expect(await selected(p('supervisor'))).toEqual(named('to-supervisor', 'to-group', 'peer-to-group', 'supervisor-own'));
		expect(await selected(p('other-supervisor'))).toEqual([]);
		expect(await selected(p('admin'))).toEqual(named('to-supervisor'));
		expect(await selected(p('demoted'))).toEqual([]);
		expect(await selected(p('stranger'))).toEqual([]);
	});

	it('narrows to what was shared with the supervisor, and combines with other conditions', async () => {
		expect(await selected(p('supervisor'), sharedWithSupervisor(p('supervisor')))).toEqual(named('to-supervisor', 'supervisor-own'));
		expect(await selected(p('admin'), sharedWithSupervisor(p('admin')))).toEqual(named('to-supervisor'));
		for (const viewer of [p('author'), p('peer'), p('other-supervisor'), p('demoted'), p('stranger')])
			expect(await selected(viewer, sharedWithSupervisor(viewer))).toEqual([]);
		expect(await selected(p('supervisor'), and(eq(reflections.learnerId, p('author').id), readableBy(p('supervisor'))))).toEqual(
			named('to-supervisor', 'to-group')
		);
	});

	it('lets a learner share only with a group they are in', async () => {
		expect(await mayShareWith(database.db, p('author'), groupId)).toBe(true);
		expect(await mayShareWith(database.db, p('outsider'), groupId)).toBe(false);
		expect(await mayShareWith(database.db, p('author'), crypto.randomUUID())).toBe(false);
	});

	it("shows the supervisor a trainee's shared reflections and logs the reads; the export's column agrees", async () => {
		const before = await database.db
			.select()
			.from(accessLog)
			.where(eq(accessLog.learnerId, p('author').id));
		const view = await traineeForSupervisor(database.db, fixtureCourse, p('supervisor'), { id: cohortId }, p('author').id, 'nl');
		expect(view?.learner).toEqual({ id: p('author').id, displayName: 'author' });
		expect(view?.reflections.map((r) => r.key)).toEqual(['sleutel-to-supervisor']);
		const after = await database.db
			.select()
			.from(accessLog)
			.where(eq(accessLog.learnerId, p('author').id))
			.orderBy(asc(accessLog.id));
		expect(after.slice(before.length).map((l) => [l.viewerName, l.what])).toEqual([['supervisor', 'reflection:sleutel-to-supervisor']]);
		// Not a member of this cohort: nothing, and nothing logged.
		expect(await traineeForSupervisor(database.db, fixtureCourse, p('supervisor'), { id: cohortId }, p('peer').id, 'nl')).toBeNull();

		const learners = [p('author').id, p('peer').id];
		expect((await exportedReflections(database.db, p('supervisor'), learners)).map((r) => r.promptKey)).toEqual(['sleutel-to-supervisor']);
		expect(await exportedReflections(database.db, p('other-supervisor'), learners)).toEqual([]);
		expect(await exportedReflections(database.db, p('demoted'), learners)).toEqual([]);
	});

	it("logs many learners' reads in one call, and not the viewer's own", async () => {
		const mark = `lees-${crypto.randomUUID()}`;
		await logReads(database.db, p('supervisor'), [
			{ learnerId: p('author').id, what: `${mark}:1` },
			{ learnerId: p('peer').id, what: `${mark}:2` },
			{ learnerId: p('author').id, what: `${mark}:3` },
			{ learnerId: p('supervisor').id, what: `${mark}:eigen` }
		]);
		const logged = (await database.db.select().from(accessLog)).filter((l) => l.what.startsWith(mark));
		expect(logged.map((l) => [l.learnerId, l.viewerId, l.what]).sort()).toEqual(
			[
				[p('author').id, p('supervisor').id, `${mark}:1`],
				[p('peer').id, p('supervisor').id, `${mark}:2`],
				[p('author').id, p('supervisor').id, `${mark}:3`]
			].sort()
		);
	});
});
