import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { groupMembers, groupPosts, groups, type Group } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { groupForMember } from '../../src/lib/server/policy';
import { notify, subscribe, subscriberCount } from '../../src/lib/server/db/notify';
import { createPost, editPost, removePost, thread, POST_MAX } from '../../src/lib/server/groups/discussion';
import { DISCUSSION_CHANNEL, watchDiscussion, type DiscussionChange } from '../../src/lib/server/groups/live';
import { meetingOf, moveMeeting, saveNotes, NOTES_MAX } from '../../src/lib/server/groups/meeting';
import { deleteAccount } from '../../src/lib/server/account/delete';

const asUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale });

/** The next value a callback-style source delivers, or a rejection after `ms`. */
function nextValue<T>(ms = 5000) {
	let resolve: (value: T) => void = () => {};
	const promise = new Promise<T>((ok, fail) => {
		resolve = ok;
		setTimeout(() => fail(new Error(`nothing arrived within ${ms} ms`)), ms);
	});
	return { promise, push: (value: T) => resolve(value) };
}

describe.each(drivers)('group discussion and meeting on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let f: SessionUser, a: SessionUser, b: SessionUser, outsider: SessionUser;
	let group: Group, other: Group;

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const make = async (email: string) => {
			const u = await createUser(database.db, { email, displayName: email.split('@')[0] ?? email, password: 'een lange zin hier', role: 'trainee' });
			if (!u) throw new Error('no user');
			return asUser(u);
		};
		[f, a, b, outsider] = await Promise.all([make('fien@x.nl'), make('anna@x.nl'), make('bram@x.nl'), make('olaf@x.nl')]);
		[group, other] = (await database.db
			.insert(groups)
			.values([
				{ id: crypto.randomUUID(), name: 'Dinsdaggroep', facilitatorId: f.id, caseType: 'vignette', caseId: 'casus-tranen' },
				{ id: crypto.randomUUID(), name: 'Andere groep', facilitatorId: outsider.id, caseType: 'vignette', caseId: 'casus-tranen' }
			])
			.returning()) as [Group, Group];
		await database.db
			.insert(groupMembers)
			.values([...[f, a, b].map((u) => ({ groupId: group.id, memberId: u.id })), { groupId: other.id, memberId: outsider.id }]);
	});
	afterAll(async () => database?.drop());

	it('lets members post, reply one level deep, and edit and remove only their own posts', async () => {
		const first = await createPost(database.db, group, a, { body: 'Ik werd zelf\r\nook ontroerd.' });
		if (!first.ok) throw new Error(first.error);
		const reply = await createPost(database.db, group, b, { body: 'Herkenbaar.', parentId: first.id });
		if (!reply.ok) throw new Error(reply.error);
		expect(await createPost(database.db, group, f, { body: 'Te diep', parentId: reply.id })).toEqual({ ok: false, error: 'no-reply-here' });
		expect(await createPost(database.db, other, outsider, { body: 'Elders', parentId: first.id })).toEqual({ ok: false, error: 'no-reply-here' });

		expect(await editPost(database.db, group, b, first.id, 'Overschreven')).toEqual({ ok: false, error: 'not-found' });
		expect(await removePost(database.db, group, b, first.id)).toEqual({ ok: false, error: 'not-found' });
		expect(await editPost(database.db, other, outsider, first.id, 'Via een andere groep')).toEqual({ ok: false, error: 'not-found' });
		expect(await editPost(database.db, group, a, first.id, 'Ik werd zelf\nook ontroerd, en dat mocht.')).toEqual({ ok: true, id: first.id });

		let posts = await thread(database.db, group, a);
		expect(posts).toHaveLength(1);
		expect(posts[0]).toMatchObject({ id: first.id, authorName: 'anna', mine: true, body: 'Ik werd zelf\nook ontroerd, en dat mocht.', removed: false });
		expect(posts[0]?.editedAt).not.toBeNull();
		expect(posts[0]?.replies).toMatchObject([{ id: reply.id, authorName: 'bram', mine: false, body: 'Herkenbaar.' }]);

		expect(await removePost(database.db, group, a, first.id)).toEqual({ ok: true, id: first.id });
		posts = await thread(database.db, group, a);
		expect(posts[0]).toMatchObject({ id: first.id, removed: true, body: '', mine: false });
		expect(posts[0]?.replies).toHaveLength(1);
		const [stored] = await database.db.select().from(groupPosts).where(eq(groupPosts.id, first.id));
		expect(stored?.body).toBe('');
		expect(await editPost(database.db, group, a, first.id, 'Terug')).toEqual({ ok: false, error: 'not-found' });
		expect(await createPost(database.db, group, b, { body: 'Nog een reactie', parentId: first.id })).toEqual({ ok: false, error: 'no-reply-here' });
		expect(await thread(database.db, other, outsider)).toEqual([]);
	});

	it('an account deleted with its posts: a post others replied to stays as a removed post, so replies never dangle', async () => {
		const make = async (email: string) => {
			const u = await createUser(database.db, { email, displayName: email.split('@')[0] ?? email, password: 'een lange zin hier' });
			if (!u) throw new Error('no user');
			return asUser(u);
		};
		const [leaver, other1] = [await make('lotte@x.nl'), await make('olga@x.nl')];
		const aside = await database.db.insert(groups).values({ id: crypto.randomUUID(), name: 'Afscheidsgroep', facilitatorId: other1.id }).returning();
		const place = aside[0]!;
		await database.db.insert(groupMembers).values([leaver, other1].map((u) => ({ groupId: place.id, memberId: u.id })));
		const post = async (author: SessionUser, body: string, parentId?: number) => {
			const made = await createPost(database.db, place, author, { body, parentId });
			if (!made.ok) throw new Error(made.error);
			return made.id;
		};
		const answered = await post(leaver, 'Mijn vraag aan de groep');
		const answer = await post(other1, 'Mijn antwoord', answered);
		const selfAnswered = await post(leaver, 'Alleen ik reageerde hierop');
		await post(leaver, 'Mijn eigen aanvulling', selfAnswered);
		const theirs = await post(other1, 'Een vraag van een ander');
		await post(leaver, 'Mijn reactie op een ander', theirs);

		// The foreign key: a post that still has replies cannot be deleted and leave them pointing at nothing.
		await expect(database.db.delete(groupPosts).where(eq(groupPosts.id, answered))).rejects.toThrow();

		await deleteAccount(database.db, leaver, 'remove');
		const shown = await thread(database.db, place, other1);
		expect(shown.map((x) => ({ id: x.id, body: x.body, removed: x.removed, authorName: x.authorName, replies: x.replies.map((r) => r.body) }))).toEqual([
			{ id: answered, body: '', removed: true, authorName: null, replies: ['Mijn antwoord'] },
			{ id: theirs, body: 'Een vraag van een ander', removed: false, authorName: 'olga', replies: [] }
		]);
		const left = await database.db
			.select({ id: groupPosts.id, body: groupPosts.body, authorId: groupPosts.authorId })
			.from(groupPosts)
			.where(eq(groupPosts.groupId, place.id));
		expect(left.map((x) => x.id).sort((x, y) => x - y)).toEqual([answered, answer, theirs]);
		expect(JSON.stringify(left)).not.toContain('Mijn vraag aan de groep');

		// A group that ends takes its whole thread, replies and all, in one statement.
		await database.db.delete(groups).where(eq(groups.id, place.id));
		expect(await database.db.select().from(groupPosts).where(eq(groupPosts.groupId, place.id))).toEqual([]);
	});

	it('takes 1 to 5,000 characters, counting a line break as one', async () => {
		expect(await createPost(database.db, group, a, { body: '' })).toEqual({ ok: false, error: 'empty' });
		expect(await createPost(database.db, group, a, { body: ' \r\n\t ' })).toEqual({ ok: false, error: 'empty' });
		expect(await createPost(database.db, group, a, { body: 'x'.repeat(POST_MAX + 1) })).toEqual({ ok: false, error: 'too-long' });
		expect((await createPost(database.db, group, a, { body: 'x'.repeat(POST_MAX) })).ok).toBe(true);
		expect((await createPost(database.db, group, a, { body: 'ab\r\n'.repeat(Math.floor(POST_MAX / 3)) })).ok).toBe(true);
		const short = await createPost(database.db, group, a, { body: 'kort' });
		if (!short.ok) throw new Error(short.error);
		expect(await editPost(database.db, group, a, short.id, 'y'.repeat(POST_MAX + 1))).toEqual({ ok: false, error: 'too-long' });
		expect(await editPost(database.db, group, a, short.id, '   ')).toEqual({ ok: false, error: 'empty' });
		const [kept] = await database.db.select().from(groupPosts).where(eq(groupPosts.id, short.id));
		expect(kept?.body).toBe('kort');
	});

	it('refuses outsiders and members who left with a 404', async () => {
		await expect(groupForMember(database.db, outsider, group.id)).rejects.toMatchObject({ status: 404 });
		await expect(groupForMember(database.db, a, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
		expect((await groupForMember(database.db, b, group.id)).id).toBe(group.id);
		await database.db.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.memberId, b.id)));
		await expect(groupForMember(database.db, b, group.id)).rejects.toMatchObject({ status: 404 });
		await database.db.insert(groupMembers).values({ groupId: group.id, memberId: b.id });
	});

	it('delivers NOTIFY payloads through one shared LISTEN, ids only, to this group only', async () => {
		const raw = nextValue<string>();
		const stopRaw = await subscribe(database, 'ontroerd_test', raw.push);
		await notify(database.db, 'ontroerd_test', 'hallo');
		expect(await raw.promise).toBe('hallo');
		await stopRaw();
		expect(subscriberCount(database, 'ontroerd_test')).toBe(0);

		const seenHere = nextValue<DiscussionChange>();
		const seenToo = nextValue<DiscussionChange>();
		const elsewhere: DiscussionChange[] = [];
		const stops = await Promise.all([
			watchDiscussion(database, group.id, seenHere.push),
			watchDiscussion(database, group.id, seenToo.push),
			watchDiscussion(database, other.id, (change) => elsewhere.push(change))
		]);
		expect(subscriberCount(database, DISCUSSION_CHANNEL)).toBe(3);
		const made = await createPost(database.db, group, a, { body: 'Geheim van de groep' });
		if (!made.ok) throw new Error(made.error);
		const expected = { postId: made.id, groupId: group.id, caseId: 'casus-tranen' };
		expect(await seenHere.promise).toEqual(expected);
		expect(await seenToo.promise).toEqual(expected);
		expect(JSON.stringify(await seenHere.promise)).not.toContain('Geheim');
		expect(elsewhere).toEqual([]);
		for (const stop of stops) await stop();
		expect(subscriberCount(database, DISCUSSION_CHANNEL)).toBe(0);
		await expect(notify(database.db, 'Robert"); drop table users; --', 'x')).rejects.toThrow('Not a channel name');
	});

	it('lets only the facilitator run the meeting and write its notes; members read them', async () => {
		expect(await meetingOf(database.db, group)).toEqual({ stage: 'waiting', phaseStartedAt: null, notes: {} });
		expect(await moveMeeting(database.db, group, a, 'waiting', 'next')).toEqual({ ok: false, error: 'not-facilitator' });
		expect(await saveNotes(database.db, group, f, 'choose', 'Te vroeg')).toEqual({ ok: false, error: 'not-started' });

		expect(await moveMeeting(database.db, group, f, 'waiting', 'next')).toEqual({ ok: true });
		expect(await moveMeeting(database.db, group, f, 'waiting', 'next')).toEqual({ ok: false, error: 'stale' });
		expect((await meetingOf(database.db, group)).stage).toBe('choose');
		expect(await moveMeeting(database.db, group, f, 'choose', 'previous')).toEqual({ ok: false, error: 'stale' });
		expect(await moveMeeting(database.db, group, f, 'choose', 'next')).toEqual({ ok: true });
		expect(await moveMeeting(database.db, group, f, 'choose', 'next')).toEqual({ ok: false, error: 'stale' });

		expect(await saveNotes(database.db, group, a, 'present', 'Door een lid')).toEqual({ ok: false, error: 'not-facilitator' });
		expect(await saveNotes(database.db, group, f, 'lunch', 'Onbekend')).toEqual({ ok: false, error: 'unknown-phase' });
		expect(await saveNotes(database.db, group, f, 'present', 'z'.repeat(NOTES_MAX + 1))).toEqual({ ok: false, error: 'too-long' });
		expect(await saveNotes(database.db, group, f, 'choose', 'Anna brengt in.')).toEqual({ ok: true });
		expect(await saveNotes(database.db, group, f, 'present', 'Cliënt huilde;\r\nAnna ook bijna.')).toEqual({ ok: true });
		expect(await moveMeeting(database.db, group, f, 'present', 'previous')).toEqual({ ok: true });

		const seen = await meetingOf(database.db, group);
		expect(seen).toMatchObject({ stage: 'choose', notes: { choose: 'Anna brengt in.', present: 'Cliënt huilde;\nAnna ook bijna.' } });
		expect(seen.phaseStartedAt).toBeInstanceOf(Date);

		for (const from of ['choose', 'present', 'clarify', 'analyse', 'advise', 'evaluate']) {
			expect(await moveMeeting(database.db, group, f, from, 'next')).toEqual({ ok: true });
		}
		expect((await meetingOf(database.db, group)).stage).toBe('done');
		expect(await moveMeeting(database.db, group, f, 'done', 'next')).toEqual({ ok: false, error: 'stale' });
		expect((await meetingOf(database.db, group)).notes.present).toBe('Cliënt huilde;\nAnna ook bijna.');
		expect((await meetingOf(database.db, other)).stage).toBe('waiting');
	});
});
