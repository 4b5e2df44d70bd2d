/**
 * A migration that changes columns holding data is tested on data written before it: the database is
 * migrated up to the migration before, filled with rows of that older shape (in SQL, since the schema
 * in code is already the new one), then migrated on, as an installation upgrading in place would be.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, eq, sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import { drivers, freshDatabase } from './databases';
import { migrationsPath, type Database } from '../../src/lib/server/db';
import { groupMeetings, groupMembers, groupPosts, groups, reflectionShares, reflections } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { thread } from '../../src/lib/server/groups/discussion';
import { meetingOf } from '../../src/lib/server/groups/meeting';

type Journal = { entries: { tag: string }[] };

/** A copy of drizzle/ that ends just before the migration `tag`. */
function migrationsBefore(tag: string): string {
	const journal = JSON.parse(readFileSync(join(migrationsPath(), 'meta', '_journal.json'), 'utf8')) as Journal;
	const at = journal.entries.findIndex((e) => e.tag === tag);
	if (at < 0) throw new Error(`no migration ${tag} in drizzle/`);
	const earlier = journal.entries.slice(0, at);
	const dir = mkdtempSync(join(tmpdir(), 'ontroerd-migrations-'));
	mkdirSync(join(dir, 'meta'));
	writeFileSync(join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries: earlier }));
	for (const e of earlier) copyFileSync(join(migrationsPath(), `${e.tag}.sql`), join(dir, `${e.tag}.sql`));
	return dir;
}

/** The rest of drizzle/, with the driver's own migrator, as the app does at start. */
async function migrateOn(database: Database): Promise<void> {
	const config = { migrationsFolder: migrationsPath() };
	if (database.driver === 'pglite') await migratePglite(database.db as unknown as Parameters<typeof migratePglite>[0], config);
	else await migratePostgres(database.db, config);
}

describe.each(drivers)('migration 0006 (typed enums, booleans, parent key) on data from before it, on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let before: string;
	const [anna, bram, cas] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
	const groupId = crypto.randomUUID();
	let removedParent = 0;

	beforeAll(async () => {
		before = migrationsBefore('0006_typed_enums_and_booleans');
		database = await freshDatabase(driver, before);
		const run = (query: ReturnType<typeof sql>) => database.db.execute(query);
		for (const [id, name] of [
			[anna, 'Anna'],
			[bram, 'Bram'],
			[cas, 'Cas']
		] as const) {
			await run(sql`insert into users (id, email, display_name, password_hash) values (${id}, ${`${name.toLowerCase()}@x.nl`}, ${name}, 'x')`);
		}
		await run(sql`insert into groups (id, name, facilitator_id, case_type, case_id) values (${groupId}, 'Oude groep', ${anna}, 'vignette', 'casus-tranen')`);
		// show_name and named were 0/1 integers.
		await run(sql`insert into group_members (group_id, member_id, show_name) values (${groupId}, ${anna}, 1), (${groupId}, ${bram}, 0)`);
		await run(sql`insert into group_members (group_id, member_id) values (${groupId}, ${cas})`);
		for (const [learner, named] of [
			[anna, 1],
			[bram, 0]
		] as const) {
			await run(
				sql`insert into reflections (learner_id, prompt_key, item_id, body, version, visibility, content_version) values (${learner}, 'p', 'casus-tranen', 'tekst', 1, 'group', 'v1')`
			);
			await run(
				sql`insert into reflection_shares (reflection_id, group_id, named) select id, ${groupId}, ${named} from reflections where learner_id = ${learner}`
			);
		}
		// A thread with a reply, and one whose parent was deleted with its author's account: the replies dangle.
		const post = async (author: string, body: string, parent: string | null) =>
			run(sql`insert into group_posts (group_id, case_id, author_id, parent_id, body, "createdAt")
				values (${groupId}, 'casus-tranen', ${author}, (select id from group_posts where body = ${parent}), ${body}, now() + (select count(*) from group_posts) * interval '1 second')`);
		await post(anna, 'Eerste vraag', null);
		await post(bram, 'Antwoord op de eerste', 'Eerste vraag');
		await post(cas, 'Tweede vraag', null);
		await post(anna, 'Antwoord op de tweede', 'Tweede vraag');
		await post(bram, 'Nog een antwoord op de tweede', 'Tweede vraag');
		const [second] = await database.db.select({ id: groupPosts.id }).from(groupPosts).where(eq(groupPosts.body, 'Tweede vraag'));
		removedParent = second?.id ?? 0;
		await run(sql`delete from group_posts where id = ${removedParent}`);
		await run(
			sql`insert into group_meetings (group_id, case_id, phase, notes) values (${groupId}, 'casus-tranen', 'analyse', '{"analyse": "Wat gebeurde er?"}')`
		);

		await migrateOn(database);
	});
	afterAll(async () => {
		await database?.drop();
		if (before) rmSync(before, { recursive: true, force: true });
	});

	it('turns 0/1 into false/true and defaults new rows to false', async () => {
		const members = await database.db
			.select({ id: groupMembers.memberId, showName: groupMembers.showName })
			.from(groupMembers)
			.where(eq(groupMembers.groupId, groupId));
		expect(Object.fromEntries(members.map((m) => [m.id, m.showName]))).toEqual({ [anna]: true, [bram]: false, [cas]: false });
		const shares = await database.db
			.select({ learner: reflections.learnerId, named: reflectionShares.named })
			.from(reflectionShares)
			.innerJoin(reflections, eq(reflections.id, reflectionShares.reflectionId));
		expect(Object.fromEntries(shares.map((s) => [s.learner, s.named]))).toEqual({ [anna]: true, [bram]: false });

		const other = crypto.randomUUID();
		await database.db.insert(groups).values({ id: other, name: 'Nieuwe groep' });
		await database.db.insert(groupMembers).values({ groupId: other, memberId: anna });
		const [fresh] = await database.db.select({ showName: groupMembers.showName }).from(groupMembers).where(eq(groupMembers.groupId, other));
		expect(fresh?.showName).toBe(false);
	});

	it('gives dangling replies their parent back as a removed post, after which the key holds', async () => {
		const [group] = await database.db.select().from(groups).where(eq(groups.id, groupId));
		if (!group) throw new Error('no group');
		const viewer: SessionUser = { id: cas, email: 'cas@x.nl', displayName: 'Cas', role: 'trainee', locale: 'nl' };
		const shown = (await thread(database.db, group, viewer)).map((p) => ({
			id: p.id,
			body: p.body,
			removed: p.removed,
			author: p.authorName,
			replies: p.replies.map((r) => r.body)
		}));
		expect(shown).toEqual([
			{ id: expect.any(Number), body: 'Eerste vraag', removed: false, author: 'Anna', replies: ['Antwoord op de eerste'] },
			{ id: removedParent, body: '', removed: true, author: null, replies: ['Antwoord op de tweede', 'Nog een antwoord op de tweede'] }
		]);
		const rows = await database.db.select({ id: groupPosts.id }).from(groupPosts).orderBy(asc(groupPosts.id));
		expect(rows).toHaveLength(5);
		await expect(database.db.delete(groupPosts).where(eq(groupPosts.id, removedParent))).rejects.toThrow();
		await expect(database.db.insert(groupPosts).values({ groupId, caseId: 'casus-tranen', parentId: 999_999, body: 'Naar niets' })).rejects.toThrow();
	});

	it('keeps the meeting where it was, and refuses values outside the closed sets', async () => {
		const [group] = await database.db.select().from(groups).where(eq(groups.id, groupId));
		if (!group) throw new Error('no group');
		expect(await meetingOf(database.db, group)).toMatchObject({ stage: 'analyse', notes: { analyse: 'Wat gebeurde er?' } });
		await expect(database.db.execute(sql`update ${groupMeetings} set phase = 'lunch'`)).rejects.toThrow();
		await expect(database.db.execute(sql`update ${groups} set case_type = 'module' where id = ${groupId}`)).rejects.toThrow();
		await expect(database.db.execute(sql`update users set role = 'owner' where id = ${anna}`)).rejects.toThrow();
	});
});
