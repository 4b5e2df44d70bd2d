/**
 * After a valid launch: the account behind the LMS user, found by (platform, sub) alone and made on the first
 * launch; the course's cohort (an instructor leads one, a learner is in each); where a score goes; where to land.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortMembers, cohorts, ltiAccounts, ltiCohorts, ltiContextMembers, ltiGradeLinks, users, type LtiContextRole, type User } from '../db/schema';
import type { Course } from '../content';
import { CLAIM, SCOPE, contextRole } from './claims';
import type { LaunchClaims, ValidLaunch } from './launch';
import { landingPath } from './targets';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Stored as the password hash of an account made by a launch: no password verifies against it. */
export const NO_PASSWORD = '!lti';

/** The name the LMS sends, else a stable neutral one: never the e-mail address, which is not asked for. */
export function nameFrom(claims: LaunchClaims): string {
	const full = typeof claims.name === 'string' ? claims.name : [claims.given_name, claims.family_name].filter((p) => typeof p === 'string').join(' ');
	const trimmed = full.trim().slice(0, 120);
	return trimmed || `LMS ${encodeHexLowerCase(sha256(new TextEncoder().encode(claims.sub))).slice(0, 6)}`;
}

const asRecord = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {});
const asString = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

async function accountFor(tx: Tx, launch: ValidLaunch, role: LtiContextRole): Promise<User> {
	const { platform, claims } = launch;
	// A known LMS user: the launch is noted and the account read in one statement.
	const [linked] = await tx
		.update(ltiAccounts)
		.set({ lastLaunchAt: new Date() })
		.from(users)
		.where(and(eq(ltiAccounts.platformId, platform.id), eq(ltiAccounts.subject, claims.sub), eq(users.id, ltiAccounts.userId)))
		.returning(getTableColumns(users));
	if (linked) {
		// An instructor anywhere may lead cohorts here; a launch never takes a role away.
		if (role === 'instructor' && linked.role === 'trainee') {
			await tx.update(users).set({ role: 'supervisor' }).where(eq(users.id, linked.id));
			return { ...linked, role: 'supervisor' };
		}
		return linked;
	}
	const id = crypto.randomUUID();
	const locale = asString(claims.locale)?.toLowerCase().startsWith('en') ? 'en' : 'nl';
	const [user] = await tx
		.insert(users)
		.values({
			id,
			// The column is required and unique; the LMS's address is not used, so that no two accounts merge by it.
			email: `${id}@lti.invalid`,
			displayName: nameFrom(claims),
			passwordHash: NO_PASSWORD,
			role: role === 'instructor' ? 'supervisor' : 'trainee',
			locale
		})
		.returning();
	if (!user) throw new Error('LTI account not created');
	await tx.insert(ltiAccounts).values({ platformId: platform.id, subject: claims.sub, userId: id });
	return user;
}

/** The instructor's cohort for the context, made on their first launch there with the context's learners so far. */
export async function instructorCohort(tx: Tx | Db, platformId: string, contextId: string, instructorId: string, title: string): Promise<string> {
	const [existing] = await tx
		.select({ id: cohorts.id })
		.from(ltiCohorts)
		.innerJoin(cohorts, eq(cohorts.id, ltiCohorts.cohortId))
		.where(and(eq(ltiCohorts.platformId, platformId), eq(ltiCohorts.contextId, contextId), eq(cohorts.supervisorId, instructorId)));
	if (existing) return existing.id;
	const id = crypto.randomUUID();
	await tx.insert(cohorts).values({ id, supervisorId: instructorId, name: title.slice(0, 120) });
	await tx.insert(ltiCohorts).values({ cohortId: id, platformId, contextId });
	const learners = await tx
		.select({ userId: ltiContextMembers.userId })
		.from(ltiContextMembers)
		.where(and(eq(ltiContextMembers.platformId, platformId), eq(ltiContextMembers.contextId, contextId), eq(ltiContextMembers.role, 'learner')));
	if (learners.length > 0) {
		await tx
			.insert(cohortMembers)
			.values(learners.map((l) => ({ cohortId: id, learnerId: l.userId })))
			.onConflictDoNothing();
	}
	return id;
}

/** A learner of the context joins every instructor's cohort of it. */
export async function joinContextCohorts(tx: Tx | Db, platformId: string, contextId: string, learnerId: string): Promise<void> {
	// One statement: the context's cohorts chosen in the insert itself.
	await tx
		.insert(cohortMembers)
		.select(
			tx
				.select({ cohortId: ltiCohorts.cohortId, learnerId: sql<string>`${learnerId}`.as('learner_id'), joinedAt: sql<Date>`now()`.as('joined_at') })
				.from(ltiCohorts)
				.where(and(eq(ltiCohorts.platformId, platformId), eq(ltiCohorts.contextId, contextId)))
		)
		.onConflictDoNothing();
}

export async function recordContextMember(tx: Tx | Db, platformId: string, contextId: string, userId: string, role: LtiContextRole): Promise<void> {
	await tx
		.insert(ltiContextMembers)
		.values({ platformId, contextId, userId, role })
		.onConflictDoUpdate({
			target: [ltiContextMembers.platformId, ltiContextMembers.contextId, ltiContextMembers.userId],
			set: { role, updatedAt: new Date() }
		});
}

export type Provisioned = { user: User; role: LtiContextRole; landing: string; cohortId: string | null };

export async function provisionLaunch(db: Db, course: Course, launch: ValidLaunch, toolOrigin: string): Promise<Provisioned> {
	const { platform, claims } = launch;
	const rolesClaim = claims[CLAIM.roles];
	const role = contextRole(Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string') : []);
	const context = asRecord(claims[CLAIM.context]);
	const contextId = asString(context.id);
	const custom = asRecord(claims[CLAIM.custom]);
	const landing = landingPath(course, [asString(custom.target), asString(claims[CLAIM.targetLinkUri])], toolOrigin);
	return db.transaction(async (tx) => {
		const user = await accountFor(tx, launch, role);
		let cohortId: string | null = null;
		if (contextId) {
			await recordContextMember(tx, platform.id, contextId, user.id, role);
			if (role === 'instructor') {
				cohortId = await instructorCohort(tx, platform.id, contextId, user.id, asString(context.title) ?? asString(context.label) ?? contextId);
				const nrps = asString(asRecord(claims[CLAIM.namesRoleService]).context_memberships_url);
				if (nrps) await tx.update(ltiCohorts).set({ membershipsUrl: nrps }).where(eq(ltiCohorts.cohortId, cohortId));
			} else await joinContextCohorts(tx, platform.id, contextId, user.id);
		}
		const resourceLinkId = asString(asRecord(claims[CLAIM.resourceLink]).id);
		const endpoint = asRecord(claims[CLAIM.endpoint]);
		const scopes = Array.isArray(endpoint.scope) ? endpoint.scope.filter((s): s is string => typeof s === 'string') : [];
		const lineItemUrl = asString(endpoint.lineitem) ?? null;
		const lineItemsUrl = asString(endpoint.lineitems) ?? null;
		if (role === 'learner' && resourceLinkId && scopes.includes(SCOPE.score) && (lineItemUrl || lineItemsUrl)) {
			const link = { target: landing, lineItemUrl, lineItemsUrl, scopes, subject: claims.sub };
			await tx
				.insert(ltiGradeLinks)
				.values({ userId: user.id, platformId: platform.id, resourceLinkId, ...link })
				.onConflictDoUpdate({ target: [ltiGradeLinks.userId, ltiGradeLinks.platformId, ltiGradeLinks.resourceLinkId], set: link });
		}
		return { user, role, landing, cohortId };
	});
}

/** The LTI cohorts an instructor leads, for the roster page. */
export async function ltiCohortsOf(db: Db, supervisorId: string) {
	return db
		.select({
			cohortId: cohorts.id,
			name: cohorts.name,
			platformId: ltiCohorts.platformId,
			contextId: ltiCohorts.contextId,
			membershipsUrl: ltiCohorts.membershipsUrl
		})
		.from(ltiCohorts)
		.innerJoin(cohorts, eq(cohorts.id, ltiCohorts.cohortId))
		.where(eq(cohorts.supervisorId, supervisorId));
}

/** Whether any of these accounts was made by a launch (the account pages then explain there is no password). */
export async function ltiLinkedUsers(db: Db, userIds: string[]): Promise<Set<string>> {
	if (userIds.length === 0) return new Set();
	const rows = await db.select({ userId: ltiAccounts.userId }).from(ltiAccounts).where(inArray(ltiAccounts.userId, userIds));
	return new Set(rows.map((r) => r.userId));
}
