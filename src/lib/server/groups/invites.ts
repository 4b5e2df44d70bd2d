/** Group invites: the same hashed, expiring, revocable and throttled codes as cohort invites. */
import { and, count, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { groupInvites, groupMembers, groups, users } from '../db/schema';
import { hashInviteCode, inviteLookupAllowed, looksLikeInviteCode, newInviteCode } from '../invite-codes';

export async function createGroupInvite(db: Db, groupId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
	const { code, codeHash, expiresAt } = newInviteCode(now);
	await db.insert(groupInvites).values({ id: crypto.randomUUID(), groupId, codeHash, expiresAt });
	return { code, expiresAt };
}

export async function groupInvitesOf(db: Db, groupId: string, now = new Date()) {
	return db
		.select({ id: groupInvites.id, expiresAt: groupInvites.expiresAt })
		.from(groupInvites)
		.where(and(eq(groupInvites.groupId, groupId), isNull(groupInvites.revokedAt), gt(groupInvites.expiresAt, now)))
		.orderBy(desc(groupInvites.createdAt));
}

export async function revokeGroupInvite(db: Db, groupId: string, inviteId: string): Promise<boolean> {
	if (!/^[0-9a-f-]{36}$/.test(inviteId)) return false;
	const rows = await db
		.update(groupInvites)
		.set({ revokedAt: new Date() })
		.where(and(eq(groupInvites.id, inviteId), eq(groupInvites.groupId, groupId)))
		.returning({ id: groupInvites.id });
	return rows.length > 0;
}

export type GroupInviteLookup =
	{ ok: true; group: { id: string; name: string; facilitatorName: string | null; members: number } } | { ok: false; reason: 'throttled' | 'invalid' };

/** Finds the group an invite code opens. Throttled per client IP, in the same bucket as cohort invites. */
export async function lookupGroupInvite(db: Db, code: string, ip: string, now = new Date()): Promise<GroupInviteLookup> {
	if (!(await inviteLookupAllowed(db, ip))) return { ok: false, reason: 'throttled' };
	if (!looksLikeInviteCode(code)) return { ok: false, reason: 'invalid' };
	const [row] = await db
		.select({ id: groups.id, name: groups.name, facilitatorName: users.displayName })
		.from(groupInvites)
		.innerJoin(groups, eq(groups.id, groupInvites.groupId))
		.leftJoin(users, eq(users.id, groups.facilitatorId))
		.where(and(eq(groupInvites.codeHash, hashInviteCode(code)), isNull(groupInvites.revokedAt), gt(groupInvites.expiresAt, now)));
	if (!row) return { ok: false, reason: 'invalid' };
	const [size] = await db.select({ n: count() }).from(groupMembers).where(eq(groupMembers.groupId, row.id));
	return { ok: true, group: { ...row, members: size?.n ?? 0 } };
}
