import { and, asc, desc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortInvites, cohortMembers, cohorts, users, type Cohort } from '../db/schema';
import { hashInviteCode, inviteLookupAllowed, looksLikeInviteCode, newInviteCode } from '../invite-codes';

export async function createCohort(db: Db, supervisorId: string, name: string): Promise<Cohort> {
	const [cohort] = await db.insert(cohorts).values({ id: crypto.randomUUID(), supervisorId, name: name.trim() }).returning();
	if (!cohort) throw new Error('cohort not created');
	return cohort;
}

export async function cohortsOfSupervisor(db: Db, supervisorId: string) {
	return db.select().from(cohorts).where(eq(cohorts.supervisorId, supervisorId)).orderBy(asc(cohorts.name));
}

export async function cohortsOfLearner(db: Db, learnerId: string) {
	return db
		.select({ id: cohorts.id, name: cohorts.name, supervisorName: users.displayName })
		.from(cohortMembers)
		.innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
		.innerJoin(users, eq(users.id, cohorts.supervisorId))
		.where(eq(cohortMembers.learnerId, learnerId))
		.orderBy(asc(cohorts.name));
}

/** The cohort's trainees by name, in the reader's language's order. */
export async function membersOf(db: Db, cohortId: string, locale: string) {
	const rows = await db
		.select({ id: users.id, displayName: users.displayName })
		.from(cohortMembers)
		.innerJoin(users, eq(users.id, cohortMembers.learnerId))
		.where(eq(cohortMembers.cohortId, cohortId));
	const byName = new Intl.Collator(locale).compare;
	return rows.sort((a, b) => byName(a.displayName, b.displayName));
}

/** A new invite: 160 random bits, shown once to the supervisor; only the hash is stored. */
export async function createInvite(db: Db, cohortId: string, now = new Date()): Promise<{ code: string; expiresAt: Date }> {
	const { code, codeHash, expiresAt } = newInviteCode(now);
	await db.insert(cohortInvites).values({ id: crypto.randomUUID(), cohortId, codeHash, expiresAt });
	return { code, expiresAt };
}

export async function invitesOf(db: Db, cohortId: string, now = new Date()) {
	return db
		.select({ id: cohortInvites.id, expiresAt: cohortInvites.expiresAt, createdAt: cohortInvites.createdAt })
		.from(cohortInvites)
		.where(and(eq(cohortInvites.cohortId, cohortId), isNull(cohortInvites.revokedAt), gt(cohortInvites.expiresAt, now)))
		.orderBy(desc(cohortInvites.createdAt));
}

export async function revokeInvite(db: Db, cohortId: string, inviteId: string): Promise<boolean> {
	const rows = await db
		.update(cohortInvites)
		.set({ revokedAt: new Date() })
		.where(and(eq(cohortInvites.id, inviteId), eq(cohortInvites.cohortId, cohortId)))
		.returning({ id: cohortInvites.id });
	return rows.length > 0;
}

export type InviteLookup = { ok: true; cohort: { id: string; name: string; supervisorName: string } } | { ok: false; reason: 'throttled' | 'invalid' };

/** Finds the cohort an invite code opens. Throttled per client IP against guessing. */
export async function lookupInvite(db: Db, code: string, ip: string, now = new Date()): Promise<InviteLookup> {
	if (!(await inviteLookupAllowed(db, ip))) return { ok: false, reason: 'throttled' };
	if (!looksLikeInviteCode(code)) return { ok: false, reason: 'invalid' };
	const [row] = await db
		.select({ id: cohorts.id, name: cohorts.name, supervisorName: users.displayName })
		.from(cohortInvites)
		.innerJoin(cohorts, eq(cohorts.id, cohortInvites.cohortId))
		.innerJoin(users, eq(users.id, cohorts.supervisorId))
		.where(and(eq(cohortInvites.codeHash, hashInviteCode(code)), isNull(cohortInvites.revokedAt), gt(cohortInvites.expiresAt, now)));
	return row ? { ok: true, cohort: row } : { ok: false, reason: 'invalid' };
}

export async function joinCohort(db: Db, cohortId: string, learnerId: string): Promise<void> {
	await db.insert(cohortMembers).values({ cohortId, learnerId }).onConflictDoNothing();
}

export async function leaveCohort(db: Db, cohortId: string, learnerId: string): Promise<boolean> {
	const rows = await db
		.delete(cohortMembers)
		.where(and(eq(cohortMembers.cohortId, cohortId), eq(cohortMembers.learnerId, learnerId)))
		.returning({ id: cohortMembers.learnerId });
	return rows.length > 0;
}
