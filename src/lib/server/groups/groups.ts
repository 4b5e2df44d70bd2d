/**
 * Intervision groups: 3–12 peers, one of whom facilitates. Anyone creates a group (and facilitates
 * it); peers join by invite; the facilitator hands the role over before leaving; the last member
 * leaving ends the group. Callers settle membership with `groupForMember` from the policy module.
 */
import { and, asc, count, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { groupMembers, groupPosts, groups, reflectionShares, reflections, users, type Group } from '../db/schema';

export const MIN_MEMBERS = 3;
export const MAX_MEMBERS = 12;

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

export async function createGroup(db: Db, facilitatorId: string, name: string): Promise<Group> {
	return db.transaction(async (tx) => {
		const [group] = await tx.insert(groups).values({ id: crypto.randomUUID(), name: name.trim(), facilitatorId }).returning();
		if (!group) throw new Error('group not created');
		await tx.insert(groupMembers).values({ groupId: group.id, memberId: facilitatorId });
		return group;
	});
}

/** The groups a person is in, with their size and whether they facilitate it. */
// Each group's size counted for that group alone (a correlated count): counting every group's members
// and joining made a learner's page cost grow with the number of groups in the database.
const groupsOfQuery = prepared((db) =>
	db
		.select({
			id: groups.id,
			name: groups.name,
			facilitatorId: groups.facilitatorId,
			caseId: groups.caseId,
			meetingAt: groups.meetingAt,
			members: sql<number>`(select count(*) from ${groupMembers} m where m.group_id = ${groups.id})`
		})
		.from(groupMembers)
		.innerJoin(groups, eq(groups.id, groupMembers.groupId))
		.where(eq(groupMembers.memberId, sql.placeholder('userId')))
		.orderBy(asc(groups.name))
		.prepare('groups_of')
);

export async function groupsOf(db: Db, userId: string) {
	const rows = await groupsOfQuery(db).execute({ userId });
	return rows.map(({ facilitatorId, ...g }) => ({ ...g, members: Number(g.members), facilitator: facilitatorId === userId }));
}

export async function membersOfGroup(db: Pick<Db, 'select'>, groupId: string) {
	return db
		.select({ id: users.id, displayName: users.displayName, showName: groupMembers.showName, joinedAt: groupMembers.joinedAt })
		.from(groupMembers)
		.innerJoin(users, eq(users.id, groupMembers.memberId))
		.where(eq(groupMembers.groupId, groupId))
		.orderBy(asc(groupMembers.joinedAt), asc(users.displayName));
}

export async function isMember(db: Pick<Db, 'select'>, groupId: string, userId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: groupMembers.memberId })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, userId)));
	return row !== undefined;
}

export type JoinResult = { ok: true; already: boolean } | { ok: false; reason: 'full' | 'gone' };

/** Joins under a row lock on the group, so that two people accepting at once cannot make a 13th member. */
export async function joinGroup(db: Db, groupId: string, userId: string): Promise<JoinResult> {
	return db.transaction(async (tx) => {
		const [group] = await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, groupId)).for('update');
		if (!group) return { ok: false as const, reason: 'gone' as const };
		if (await isMember(tx, groupId, userId)) return { ok: true as const, already: true };
		const [row] = await tx.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, groupId));
		if ((row?.n ?? 0) >= MAX_MEMBERS) return { ok: false as const, reason: 'full' as const };
		await tx.insert(groupMembers).values({ groupId, memberId: userId });
		return { ok: true as const, already: false };
	});
}

/** What a member shared with this group stops being shared the moment they leave it. */
async function withdrawShares(tx: Tx, groupId: string, memberId: string): Promise<void> {
	const mine = tx.select({ id: reflections.id }).from(reflections).where(eq(reflections.learnerId, memberId));
	const gone = await tx
		.delete(reflectionShares)
		.where(and(eq(reflectionShares.groupId, groupId), inArray(reflectionShares.reflectionId, mine)))
		.returning({ id: reflectionShares.reflectionId });
	if (gone.length > 0)
		await tx
			.update(reflections)
			.set({ visibility: 'private', updatedAt: new Date() })
			.where(
				inArray(
					reflections.id,
					gone.map((g) => g.id)
				)
			);
}

export type LeaveResult = { ok: true; groupDeleted: boolean } | { ok: false; reason: 'hand-over-first' };

export async function leaveGroup(db: Db, group: Group, memberId: string): Promise<LeaveResult> {
	return db.transaction(async (tx) => {
		await tx.select({ id: groups.id }).from(groups).where(eq(groups.id, group.id)).for('update');
		const others = await tx
			.select({ id: groupMembers.memberId })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, group.id), ne(groupMembers.memberId, memberId)));
		if (others.length === 0) {
			await tx.delete(groups).where(eq(groups.id, group.id));
			return { ok: true as const, groupDeleted: true };
		}
		const [current] = await tx.select({ facilitatorId: groups.facilitatorId }).from(groups).where(eq(groups.id, group.id));
		if (current?.facilitatorId === memberId) return { ok: false as const, reason: 'hand-over-first' as const };
		await withdrawShares(tx, group.id, memberId);
		await tx.delete(groupMembers).where(and(eq(groupMembers.groupId, group.id), eq(groupMembers.memberId, memberId)));
		return { ok: true as const, groupDeleted: false };
	});
}

/** The facilitator hands the role to another member. False when the new facilitator is not a member. */
export async function handOver(db: Db, group: Group, fromId: string, toId: string): Promise<boolean> {
	if (toId === fromId || !(await isMember(db, group.id, toId))) return false;
	const rows = await db
		.update(groups)
		.set({ facilitatorId: toId })
		.where(and(eq(groups.id, group.id), eq(groups.facilitatorId, fromId)))
		.returning({ id: groups.id });
	return rows.length > 0;
}

export async function setShowName(db: Db, groupId: string, memberId: string, show: boolean): Promise<void> {
	await db
		.update(groupMembers)
		.set({ showName: show })
		.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, memberId)));
}

/**
 * Before an account is erased: its groups go on without it. Where it facilitated, the longest-standing
 * other member takes over; a group it was alone in is removed.
 */
export async function leaveAllGroups(tx: Tx, userId: string): Promise<void> {
	const mine = await tx.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.memberId, userId));
	for (const { groupId } of mine) {
		const [next] = await tx
			.select({ id: groupMembers.memberId })
			.from(groupMembers)
			.where(and(eq(groupMembers.groupId, groupId), ne(groupMembers.memberId, userId)))
			.orderBy(asc(groupMembers.joinedAt))
			.limit(1);
		if (!next) await tx.delete(groups).where(eq(groups.id, groupId));
		else
			await tx
				.update(groups)
				.set({ facilitatorId: next.id })
				.where(and(eq(groups.id, groupId), eq(groups.facilitatorId, userId)));
	}
}

/** How many discussion posts a person wrote (and did not remove), for the choice at account deletion. */
export async function postsBy(db: Db, authorId: string): Promise<number> {
	const [row] = await db
		.select({ n: count() })
		.from(groupPosts)
		.where(and(eq(groupPosts.authorId, authorId), isNull(groupPosts.deletedAt)));
	return row?.n ?? 0;
}
