import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import type { Database } from '../../src/lib/server/db';
import { accessLog, groupInvites, groupPosts, groups, reflectionShares, reflections } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { chooseInVignette, restartVignette } from '../../src/lib/server/learning/vignettes';
import { answerQuestion } from '../../src/lib/server/learning/quizzes';
import { itemContext, reflectionsOf, saveReflection } from '../../src/lib/server/learning/reflections';
import { itemStatus, touchItem } from '../../src/lib/server/learning/progress';
import { createGroup, groupsOf, handOver, joinGroup, leaveGroup, membersOfGroup, setShowName, MAX_MEMBERS } from '../../src/lib/server/groups/groups';
import { createGroupInvite, lookupGroupInvite, revokeGroupInvite } from '../../src/lib/server/groups/invites';
import { pickCase } from '../../src/lib/server/groups/case';
import { groupResults } from '../../src/lib/server/groups/results';
import { sharedReflections } from '../../src/lib/server/groups/shared-reflections';
import { canReadReflection, groupForMember } from '../../src/lib/server/policy';
import { deleteAccount } from '../../src/lib/server/account/delete';
import { exportOf } from '../../src/lib/server/account/export';

const DAY = 86_400_000;
const asUser = (u: SessionUser): SessionUser => ({ id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale });
const labels = { agree: 'eens', neutral: 'neutraal', disagree: 'oneens', decision: (n: number) => `Beslismoment ${n}`, question: (n: number) => `Vraag ${n}` };
const future = () => new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);

describe.each(drivers)('intervision groups on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let people: SessionUser[] = [];
	const vignette = item('casus', 'vignette');
	const quiz = item('quiz', 'quiz');

	beforeAll(async () => {
		database = await freshDatabase(driver);
		people = [];
		for (let i = 0; i < 14; i++) {
			const u = await createUser(database.db, { email: `lid${i}@x.nl`, displayName: `Lid ${i}`, password: 'een lange zin hier' });
			if (!u) throw new Error('no user');
			people.push(asUser(u));
		}
	}, 120_000);
	afterAll(async () => database?.drop());

	const fresh = async (name: string, facilitator: SessionUser, ...members: SessionUser[]) => {
		const group = await createGroup(database.db, facilitator.id, name);
		for (const m of members) await joinGroup(database.db, group.id, m.id);
		return group;
	};
	const reload = async (id: string) => (await database.db.select().from(groups).where(eq(groups.id, id)))[0]!;
	const p = (i: number) => people[i]!;

	it('takes at most 12 members, refuses a 13th clearly, and counts a second join once', async () => {
		const group = await fresh('Vol', p(0));
		for (let i = 1; i < MAX_MEMBERS; i++) expect(await joinGroup(database.db, group.id, p(i).id)).toEqual({ ok: true, already: false });
		expect(await joinGroup(database.db, group.id, p(1).id)).toEqual({ ok: true, already: true });
		expect(await joinGroup(database.db, group.id, p(12).id)).toEqual({ ok: false, reason: 'full' });
		expect(await membersOfGroup(database.db, group.id)).toHaveLength(12);
		expect(await joinGroup(database.db, crypto.randomUUID(), p(12).id)).toEqual({ ok: false, reason: 'gone' });
		expect((await groupsOf(database.db, p(0).id)).find((g) => g.id === group.id)).toMatchObject({ name: 'Vol', members: 12, facilitator: true });
		expect((await groupsOf(database.db, p(1).id)).find((g) => g.id === group.id)).toMatchObject({ facilitator: false });
		// An outsider gets "not found", like a guessed id.
		await expect(groupForMember(database.db, p(12), group.id)).rejects.toMatchObject({ status: 404 });
		await expect(groupForMember(database.db, p(0), crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
	});

	it('invites: hashed, valid until revoked or expired, guessing throttled', async () => {
		const group = await fresh('Uitnodiging', p(0));
		const { code } = await createGroupInvite(database.db, group.id);
		expect(code).toMatch(/^[a-z2-7]{32}$/);
		expect(await lookupGroupInvite(database.db, code, '10.2.0.1')).toMatchObject({
			ok: true,
			group: { id: group.id, name: 'Uitnodiging', facilitatorName: 'Lid 0', members: 1 }
		});
		expect((await database.db.select().from(groupInvites)).every((i) => i.codeHash !== code)).toBe(true);
		const [stored] = await database.db.select().from(groupInvites).where(eq(groupInvites.groupId, group.id));
		expect(await revokeGroupInvite(database.db, crypto.randomUUID(), stored?.id ?? '')).toBe(false); // another group's invite
		expect(await revokeGroupInvite(database.db, group.id, stored?.id ?? '')).toBe(true);
		expect(await lookupGroupInvite(database.db, code, '10.2.0.1')).toEqual({ ok: false, reason: 'invalid' });
		const old = await createGroupInvite(database.db, group.id, new Date(Date.now() - 30 * DAY));
		expect(await lookupGroupInvite(database.db, old.code, '10.2.0.1')).toEqual({ ok: false, reason: 'invalid' });
		const valid = await createGroupInvite(database.db, group.id);
		for (let i = 0; i < 25; i++) await lookupGroupInvite(database.db, 'c'.repeat(32), '10.2.0.9');
		expect(await lookupGroupInvite(database.db, valid.code, '10.2.0.9')).toEqual({ ok: false, reason: 'throttled' });
	});

	it('facilitator rules: hand over first, only to a member; the last one out ends the group; a case needs 3 members and a date not past', async () => {
		const group = await fresh('Rollen', p(0), p(1));
		const target = `vignette:${vignette.id}`;
		expect(await pickCase(database.db, fixtureCourse, group, { target, meetingDate: future(), members: 2 })).toEqual({ ok: false, error: 'too-few-members' });
		await joinGroup(database.db, group.id, p(2).id);
		expect(await pickCase(database.db, fixtureCourse, group, { target: 'quiz:bestaat-niet', meetingDate: future(), members: 3 })).toEqual({
			ok: false,
			error: 'unknown-case'
		});
		expect(await pickCase(database.db, fixtureCourse, group, { target: `quiz:${vignette.id}`, meetingDate: future(), members: 3 })).toEqual({
			ok: false,
			error: 'unknown-case'
		});
		expect(await pickCase(database.db, fixtureCourse, group, { target: 'vignette:les-een', meetingDate: future(), members: 3 })).toEqual({
			ok: false,
			error: 'unknown-case'
		});
		const yesterday = new Date(Date.now() - DAY).toISOString().slice(0, 10);
		expect(await pickCase(database.db, fixtureCourse, group, { target, meetingDate: yesterday, members: 3 })).toEqual({ ok: false, error: 'date-in-past' });
		expect(await pickCase(database.db, fixtureCourse, group, { target, meetingDate: '2026-02-31', members: 3 })).toEqual({ ok: false, error: 'bad-date' });
		expect(await pickCase(database.db, fixtureCourse, group, { target, meetingDate: future(), members: 3 })).toEqual({ ok: true });
		expect(await reload(group.id)).toMatchObject({ caseType: 'vignette', caseId: vignette.id });

		expect(await leaveGroup(database.db, group, p(0).id)).toEqual({ ok: false, reason: 'hand-over-first' });
		expect(await handOver(database.db, group, p(0).id, p(5).id)).toBe(false); // not a member
		expect(await handOver(database.db, group, p(1).id, p(2).id)).toBe(false); // not the facilitator
		expect(await handOver(database.db, group, p(0).id, p(1).id)).toBe(true);
		expect((await reload(group.id)).facilitatorId).toBe(p(1).id);
		expect(await leaveGroup(database.db, group, p(0).id)).toEqual({ ok: true, groupDeleted: false });
		await expect(groupForMember(database.db, p(0), group.id)).rejects.toMatchObject({ status: 404 });
		expect(await leaveGroup(database.db, group, p(2).id)).toEqual({ ok: true, groupDeleted: false });
		expect(await leaveGroup(database.db, group, p(1).id)).toEqual({ ok: true, groupDeleted: true });
		expect(await database.db.select().from(groups).where(eq(groups.id, group.id))).toHaveLength(0);
	});

	it('results: nothing below 3 answers, then counts of latest attempts, names only for those who opted in, own choice for the viewer alone', async () => {
		const [a, b, c, d] = [p(0), p(1), p(2), p(3)];
		const group = await fresh('Uitkomsten', a, b, c, d);
		await pickCase(database.db, fixtureCourse, group, { target: `vignette:${vignette.id}`, meetingDate: future(), members: 4 });
		const results = async (viewer: SessionUser) =>
			(await groupResults(database.db, fixtureCourse, await reload(group.id), viewer.id, 'nl', labels))?.questions ?? [];

		await chooseInVignette(database.db, a.id, vignette, 'begin', 'praten');
		await chooseInVignette(database.db, b.id, vignette, 'begin', 'stil');
		const two = await results(a);
		expect(two.map((q) => q.heading)).toEqual(['Beslismoment 1', 'Beslismoment 2', 'Beslismoment 3', 'Beslismoment 4']);
		expect(two.every((q) => !q.result.shown)).toBe(true);
		expect(JSON.stringify(two)).not.toMatch(/"count"|"mine"|"names"|answered/);

		// a changes their mind: only the latest attempt counts.
		await restartVignette(database.db, a.id, vignette);
		await chooseInVignette(database.db, a.id, vignette, 'begin', 'stil');
		await setShowName(database.db, group.id, b.id, true);
		await chooseInVignette(database.db, c.id, vignette, 'begin', 'praten');
		const three = await results(a);
		const first = three[0]?.result;
		if (!first?.shown) throw new Error('first decision point not shown from 3 answers');
		expect(first.answered).toBe(3);
		expect(first.bars.map((x) => [x.id, x.count, x.mine])).toEqual([
			['stil', 2, true],
			['praten', 1, false]
		]);
		// b opted in; c did not. a (anonymous) minus b (named) leaves c alone: names are withheld.
		expect(first).toMatchObject({ namesWithheld: true });
		expect(first.bars.flatMap((x) => x.names)).toEqual([]);
		await chooseInVignette(database.db, d.id, vignette, 'begin', 'praten');
		const four = (await results(a))[0]?.result;
		if (!four?.shown) throw new Error('not shown');
		expect(four.bars.map((x) => x.names)).toEqual([['Lid 1'], []]);
		expect(JSON.stringify(four)).not.toMatch(/Lid 2|Lid 3|Lid 0/);
		const seenByC = (await results(c))[0]?.result;
		if (!seenByC?.shown) throw new Error('not shown');
		expect(seenByC.bars.map((x) => x.mine)).toEqual([false, true]);
		// The second decision point was reached by a alone (b and c, d went elsewhere): still nothing.
		expect((await results(a))[1]?.result).toEqual({ shown: false });

		// A quiz case: attitude answers in three groups beside the study's share.
		await pickCase(database.db, fixtureCourse, await reload(group.id), { target: `quiz:${quiz.id}`, meetingDate: future(), members: 4 });
		for (const [who, value] of [
			[a, 6],
			[b, 4],
			[c, 2]
		] as const)
			await answerQuestion(database.db, who.id, quiz, 'stelling', value);
		const quizResults = await results(b);
		const attitude = quizResults.find((q) => q.id === 'stelling');
		expect(attitude?.norm?.value).toBe(32);
		expect(attitude?.result).toMatchObject({ shown: true, answered: 3 });
		if (attitude?.result.shown)
			expect(attitude.result.bars.map((x) => [x.id, x.count, x.mine])).toEqual([
				['agree', 1, false],
				['neutral', 1, true],
				['disagree', 1, false]
			]);
		expect(quizResults.find((q) => q.id === 'een')?.result).toEqual({ shown: false });
		expect(quizResults.some((q) => q.id === 'zelf')).toBe(false);
	});

	it('a reflection shared with the group: members only, logged, gone when private again or when the author or the viewer leaves', async () => {
		const [author, reader, third, outsider] = [p(4), p(5), p(6), p(7)];
		const group = await fresh('Reflecties', author, reader, third);
		const other = await fresh('Andere groep', outsider, author);
		await pickCase(database.db, fixtureCourse, group, { target: `vignette:${vignette.id}`, meetingDate: future(), members: 3 });
		const key = 'casus/begin';
		const shared = async (viewer: SessionUser) => sharedReflections(database.db, await reload(group.id), vignette, viewer, 'nl');
		const saved = await saveReflection(database.db, author.id, {
			key,
			item: vignette,
			body: 'Ik schoot vol',
			baseVersion: 0,
			sharing: { visibility: 'group', groupId: group.id, named: false }
		});
		expect(saved).toMatchObject({ ok: true, visibility: `group:${group.id}`, named: false });
		const row = (await reflectionsOf(database.db, author.id, [key])).get(key);
		if (!row) throw new Error('no reflection');
		expect(row.share).toEqual({ groupId: group.id, named: false });
		// The item page reads the same in one statement: the status, the reflections with their share, the groups to share with.
		await touchItem(database.db, author.id, vignette, 'started');
		const context = await itemContext(database.db, author.id, vignette.id, [key, 'casus/ander']);
		expect(context.reflections).toEqual(await reflectionsOf(database.db, author.id, [key, 'casus/ander']));
		expect(context.groups).toEqual((await groupsOf(database.db, author.id)).map((g) => ({ id: g.id, name: g.name })));
		expect(context.groups.map((g) => g.name)).toEqual(expect.arrayContaining(['Andere groep', 'Reflecties']));
		expect(context.status).toBe(await itemStatus(database.db, author.id, vignette.id));
		expect(context.status).toBe('started');
		const none = await itemContext(database.db, outsider.id, vignette.id, [key]);
		expect(none).toEqual({ status: null, reflections: new Map(), groups: (await groupsOf(database.db, outsider.id)).map((g) => ({ id: g.id, name: g.name })) });
		expect(none.groups).toContainEqual({ id: other.id, name: 'Andere groep' });

		expect(await shared(reader)).toEqual([expect.objectContaining({ body: 'Ik schoot vol', authorName: null, mine: false })]);
		expect(await canReadReflection(database.db, reader, row)).toBe(true);
		expect(await canReadReflection(database.db, outsider, row)).toBe(false); // shares another group with the author, not this one
		const log = await database.db.select().from(accessLog).where(eq(accessLog.learnerId, author.id));
		expect(log.map((l) => [l.viewerName, l.what])).toEqual([['Lid 5', `reflection:${key}`]]);

		// Named, then back to private: gone at once.
		await saveReflection(database.db, author.id, {
			key,
			item: vignette,
			body: 'Ik schoot vol',
			baseVersion: 1,
			sharing: { visibility: 'group', groupId: group.id, named: true }
		});
		expect((await shared(third))[0]?.authorName).toBe('Lid 4');
		await saveReflection(database.db, author.id, { key, item: vignette, body: 'Ik schoot vol', baseVersion: 2, sharing: { visibility: 'private' } });
		expect(await shared(reader)).toEqual([]);
		expect(await database.db.select().from(reflectionShares)).toHaveLength(0);

		// Shared with the other group instead: not visible in this one.
		await saveReflection(database.db, author.id, {
			key,
			item: vignette,
			body: 'Ik schoot vol',
			baseVersion: 3,
			sharing: { visibility: 'group', groupId: other.id, named: false }
		});
		expect(await shared(reader)).toEqual([]);
		await saveReflection(database.db, author.id, {
			key,
			item: vignette,
			body: 'Ik schoot vol',
			baseVersion: 4,
			sharing: { visibility: 'group', groupId: group.id, named: false }
		});
		expect(await shared(reader)).toHaveLength(1);

		// The viewer leaves: no longer readable for them.
		await leaveGroup(database.db, await reload(group.id), reader.id);
		expect(await canReadReflection(database.db, reader, { ...row, visibility: 'group' })).toBe(false);
		// The author leaves: the share goes, and the reflection is private again.
		await handOver(database.db, await reload(group.id), author.id, third.id);
		await leaveGroup(database.db, await reload(group.id), author.id);
		expect(await shared(third)).toEqual([]);
		expect(await canReadReflection(database.db, third, { ...row, visibility: 'group' })).toBe(false);
		const [after] = await database.db.select().from(reflections).where(eq(reflections.id, row.id));
		expect(after?.visibility).toBe('private');
	});

	it('account deletion: posts removed or kept without a name, facilitation handed on; the export has the group data', async () => {
		const [leaver, keeper, stays] = [p(12), p(13), p(10)];
		const group = await fresh('Afscheid', leaver, keeper, stays);
		await database.db.insert(groupPosts).values([
			{ groupId: group.id, caseId: '', authorId: leaver.id, body: 'Bijdrage van de vertrekker' },
			{ groupId: group.id, caseId: '', authorId: keeper.id, body: 'Bijdrage die blijft staan' },
			{ groupId: group.id, caseId: '', authorId: stays.id, body: 'Bijdrage van wie blijft' }
		]);
		const data = await exportOf(database.db, leaver.id);
		expect(data?.groupMemberships).toEqual([expect.objectContaining({ group: 'Afscheid', facilitator: true, showNameBesideAnswers: false })]);
		expect(data?.groupPosts).toEqual([expect.objectContaining({ group: 'Afscheid', body: 'Bijdrage van de vertrekker' })]);
		expect(JSON.stringify(data)).not.toContain('Bijdrage van wie blijft');

		await deleteAccount(database.db, leaver, 'remove');
		await deleteAccount(database.db, keeper, 'keep');
		const posts = await database.db.select().from(groupPosts).where(eq(groupPosts.groupId, group.id));
		expect(posts.map((x) => [x.body, x.authorId])).toEqual([
			['Bijdrage die blijft staan', null],
			['Bijdrage van wie blijft', stays.id]
		]);
		expect((await reload(group.id)).facilitatorId).toBe(stays.id);
		await deleteAccount(database.db, stays);
		expect(await database.db.select().from(groups).where(eq(groups.id, group.id))).toHaveLength(0);
	});
});
