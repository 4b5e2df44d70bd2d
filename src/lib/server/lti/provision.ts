/**
 * After a valid launch: the account behind the LMS user, found by (platform, sub) alone and made on the first
 * launch; the course's cohort (an instructor leads one, a learner is in each); where a score goes; where to land.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, inArray, sql, type Column, type SQL, type WithSubquery } from 'drizzle-orm';
import type { Db } from '../db';
import {
	cohortMembers,
	cohorts,
	ltiAccounts,
	ltiCohorts,
	ltiContextMembers,
	ltiGradeLinks,
	sessions,
	users,
	type LtiContextRole,
	type Session,
	type User
} from '../db/schema';
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

/** What a launch's account is read as: no more than the launch and the tests use. */
export type LaunchUser = Pick<User, 'id' | 'email' | 'displayName' | 'passwordHash' | 'role' | 'locale'>;
export type Provisioned = { user: LaunchUser; role: LtiContextRole; landing: string; cohortId: string | null };
/** The session a launch signs in with (its user is the launch's account), and the browser's session it replaces. */
export type SignIn = { session: Omit<Session, 'userId'>; replaces: string | null };

/** Instructor or learner in the launch's context. */
export function launchRole(launch: ValidLaunch): LtiContextRole {
	const rolesClaim = launch.claims[CLAIM.roles];
	return contextRole(Array.isArray(rolesClaim) ? rolesClaim.filter((r): r is string => typeof r === 'string') : []);
}

/** Columns by the names the schema gives them (a `now()` column is camelCase in the database), for a column list or a SET. */
const named = (...columns: Column[]) =>
	sql.join(
		columns.map((c) => sql.identifier(c.name)),
		sql`, `
	);

/**
 * The account, its place in the course and the session, in one statement (issue 19: a launch in at most five). The
 * known LMS user's link is noted and the account read, or else the account and link are made; then the context
 * membership, the learner's cohorts, the grade link and the session, each a data-modifying CTE on the account found
 * or made. One statement is atomic without a transaction.
 */
function accountStatement(
	db: Tx | Db,
	launch: ValidLaunch,
	p: { role: LtiContextRole; contextId?: string; gradeLink: GradeLink | null; signIn: SignIn | null }
) {
	const { platform, claims } = launch;
	const id = crypto.randomUUID();
	const locale = asString(claims.locale)?.toLowerCase().startsWith('en') ? 'en' : 'nl';
	const u = users;
	const columns = named(u.id, u.email, u.displayName, u.passwordHash, u.role, u.locale);
	// An instructor anywhere may lead cohorts here; a launch never takes a role away.
	const role = p.role === 'instructor' ? sql`case when ${u.role} = 'trainee' then 'supervisor' else ${u.role} end` : sql`${u.role}`;
	// The account the launch is for: the one linked before, or the one made now.
	const account = db
		.$with('account', { id: u.id, email: u.email, displayName: u.displayName, passwordHash: u.passwordHash, role: u.role, locale: u.locale })
		.as(sql`select * from linked union all select * from made`);
	const a = ltiAccounts;
	// A CTE of SQL written out: drizzle has no builder for an insert from a select of other CTEs (or takes its columns in table order only).
	const cte = (name: string, query: SQL) => db.$with(name, {}).as(query);
	const ctes: WithSubquery[] = [
		cte(
			'linked',
			sql`update ${a} set ${named(a.lastLaunchAt)} = now() from ${u}
				where ${a.platformId} = ${platform.id} and ${a.subject} = ${claims.sub} and ${u.id} = ${a.userId}
				returning ${u.id}, ${u.email}, ${u.displayName}, ${u.passwordHash}, ${role} as ${named(u.role)}, ${u.locale}`
		),
		// The e-mail column is required and unique; the LMS's address is not used, so that no two accounts merge by it.
		cte(
			'made',
			sql`insert into ${u} (${columns})
				select ${id}, ${`${id}@lti.invalid`}, ${nameFrom(claims)}, ${NO_PASSWORD}, ${p.role === 'instructor' ? 'supervisor' : 'trainee'}, ${locale}
				where not exists (select from linked)
				returning ${columns}`
		),
		cte('made_link', sql`insert into ${a} (${named(a.platformId, a.subject, a.userId)}) select ${platform.id}, ${claims.sub}, id from made`),
		account
	];
	if (p.role === 'instructor')
		ctes.push(cte('promoted', sql`update ${u} set ${named(u.role)} = 'supervisor' where ${u.id} in (select id from linked) and ${u.role} = 'trainee'`));
	if (p.contextId) {
		const m = ltiContextMembers;
		ctes.push(
			cte(
				'member',
				sql`insert into ${m} (${named(m.platformId, m.contextId, m.userId, m.role)}) select ${platform.id}, ${p.contextId}, id, ${p.role} from account
					on conflict (${named(m.platformId, m.contextId, m.userId)}) do update set ${named(m.role)} = excluded.${named(m.role)}, ${named(m.updatedAt)} = now()`
			)
		);
		// A learner of the context joins every instructor's cohort of it.
		if (p.role === 'learner')
			ctes.push(
				cte(
					'joined',
					sql`insert into ${cohortMembers} (${named(cohortMembers.cohortId, cohortMembers.learnerId)}) select ${ltiCohorts.cohortId}, account.id from ${ltiCohorts}, account
						where ${ltiCohorts.platformId} = ${platform.id} and ${ltiCohorts.contextId} = ${p.contextId} on conflict do nothing`
				)
			);
	}
	const link = p.gradeLink;
	if (link) {
		const g = ltiGradeLinks;
		const kept = [g.target, g.lineItemUrl, g.lineItemsUrl, g.scopes, g.subject];
		ctes.push(
			cte(
				'graded',
				sql`insert into ${g} (${named(g.userId, g.platformId, g.resourceLinkId, ...kept)})
					select id, ${platform.id}, ${link.resourceLinkId}, ${link.target}, ${link.lineItemUrl}, ${link.lineItemsUrl}, ${JSON.stringify(link.scopes)}::jsonb, ${claims.sub} from account
					on conflict (${named(g.userId, g.platformId, g.resourceLinkId)}) do update set ${sql.join(
						kept.map((c) => sql`${named(c)} = excluded.${named(c)}`),
						sql`, `
					)}`
			)
		);
	}
	if (p.signIn) {
		const { session, replaces } = p.signIn;
		const s = sessions;
		const at = (date: Date | null) => sql`${date?.toISOString() ?? null}::timestamptz`;
		// Whoever was signed in in this browser before is signed out.
		if (replaces) ctes.push(cte('signed_out', sql`delete from ${s} where ${s.id} = ${replaces}`));
		ctes.push(
			cte(
				'signed_in',
				sql`insert into ${s} (${named(s.id, s.userId, s.expiresAt, s.createdAt, s.rememberMe, s.passwordAt)})
					select ${session.id}, id, ${at(session.expiresAt)}, ${at(session.createdAt)}, ${session.rememberMe}::boolean, ${at(session.passwordAt)} from account`
			)
		);
	}
	return db
		.with(...ctes)
		.select()
		.from(account);
}

type GradeLink = { resourceLinkId: string; target: string; lineItemUrl: string | null; lineItemsUrl: string | null; scopes: string[] };

/** Where a learner's score for this link goes, when the platform offers to take one. */
function gradeLinkOf(launch: ValidLaunch, role: LtiContextRole, landing: string): GradeLink | null {
	const { claims } = launch;
	const resourceLinkId = asString(asRecord(claims[CLAIM.resourceLink]).id);
	const endpoint = asRecord(claims[CLAIM.endpoint]);
	const scopes = Array.isArray(endpoint.scope) ? endpoint.scope.filter((s): s is string => typeof s === 'string') : [];
	const lineItemUrl = asString(endpoint.lineitem) ?? null;
	const lineItemsUrl = asString(endpoint.lineitems) ?? null;
	if (role !== 'learner' || !resourceLinkId || !scopes.includes(SCOPE.score) || !(lineItemUrl || lineItemsUrl)) return null;
	return { resourceLinkId, target: landing, lineItemUrl, lineItemsUrl, scopes };
}

/**
 * After a valid launch: the account, its place in the course and, given `signIn`, the session. A learner's launch is
 * one statement; an instructor's also finds or makes their cohort for the context, in a transaction with it.
 */
export async function provisionLaunch(db: Db, course: Course, launch: ValidLaunch, toolOrigin: string, signIn: SignIn | null = null): Promise<Provisioned> {
	const { platform, claims } = launch;
	const role = launchRole(launch);
	const context = asRecord(claims[CLAIM.context]);
	const contextId = asString(context.id);
	const custom = asRecord(claims[CLAIM.custom]);
	const landing = landingPath(course, [asString(custom.target), asString(claims[CLAIM.targetLinkUri])], toolOrigin);
	const statement = (tx: Tx | Db) => accountStatement(tx, launch, { role, contextId, gradeLink: gradeLinkOf(launch, role, landing), signIn });
	if (role === 'learner' || !contextId) {
		const [user] = await statement(db);
		if (!user) throw new Error('LTI account not found or made');
		return { user, role, landing, cohortId: null };
	}
	return db.transaction(async (tx) => {
		const [user] = await statement(tx);
		if (!user) throw new Error('LTI account not found or made');
		const cohortId = await instructorCohort(tx, platform.id, contextId, user.id, asString(context.title) ?? asString(context.label) ?? contextId);
		const nrps = asString(asRecord(claims[CLAIM.namesRoleService]).context_memberships_url);
		if (nrps) await tx.update(ltiCohorts).set({ membershipsUrl: nrps }).where(eq(ltiCohorts.cohortId, cohortId));
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
