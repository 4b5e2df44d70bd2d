/**
 * Who may see or do what — the one place. Every load and action asks here, and a refusal
 * looks like "not found" so that guessing ids tells an outsider nothing.
 * - A learner reads and writes only their own learning data.
 * - A supervisor sees only their own cohorts, and of their trainees only what was shared with
 *   them (reflections set to "my supervisor") or submitted to them (assigned work).
 * The functions here take the user (and the database) as arguments, so they are tested without a
 * request; routes ask them through `guards.ts`, which supplies both from the current request.
 */
import { error, redirect } from '@sveltejs/kit';
import { and, eq, exists, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import { QueryBuilder, alias } from 'drizzle-orm/pg-core';
import type { SessionUser } from './auth/session';
import { logEvent } from './log';
import type { Db } from './db';
import {
	assignmentLearners,
	assignments,
	cohortMembers,
	cohorts,
	drillResponses,
	groupMembers,
	groups,
	reflectionShares,
	reflections,
	type Cohort,
	type Group,
	type Reflection,
	type Session
} from './db/schema';

/** Every refusal passes here, so it is logged once (user, route and what, from the request context). */
export function notFound(what = 'resource'): never {
	logEvent('authz.refused', { what }, 'warn');
	error(404, 'Not found');
}

/** The signed-in user, or a redirect to the login page that comes back to `returnTo` afterwards. */
export function userOrLogin(user: SessionUser | null, returnTo: string): SessionUser {
	if (!user) redirect(303, `/login?redirectTo=${encodeURIComponent(returnTo)}`);
	return user;
}

/** How long a password entry counts for a sensitive change (data export, account deletion, password change). */
export const RECENT_PASSWORD_WINDOW = 10 * 60 * 1000;

/** Whether this session's password was entered (login, registration, re-entry) within the last 10 minutes. */
export function hasRecentPassword(session: Pick<Session, 'passwordAt'> | null, now = new Date()): boolean {
	const at = session?.passwordAt?.getTime();
	return at !== undefined && at <= now.getTime() && now.getTime() - at <= RECENT_PASSWORD_WINDOW;
}

export function isSupervisor(user: SessionUser): boolean {
	return user.role === 'supervisor' || user.role === 'admin';
}

/** The user, if they are a supervisor; anyone else finds no supervisor pages at all. */
export function supervisorOnly(user: SessionUser): SessionUser {
	if (!isSupervisor(user)) notFound('supervisor role');
	return user;
}

/** The user, if they own the course (role admin): the course owner's pages (/beheer) are "not found" for anyone else. */
export function adminOnly(user: SessionUser): SessionUser {
	if (user.role !== 'admin') notFound('admin role');
	return user;
}

/** What the site's navigation may offer this user (null: signed out). */
export function navFor(user: SessionUser | null): { supervisor: boolean; practice: boolean; admin: boolean } {
	return { supervisor: user !== null && isSupervisor(user), practice: user !== null, admin: user?.role === 'admin' };
}

/** The cohort, if this supervisor leads it. */
export async function ownCohort(db: Db, supervisor: SessionUser, cohortId: string): Promise<Cohort> {
	supervisorOnly(supervisor);
	const [cohort] = await db
		.select()
		.from(cohorts)
		.where(and(eq(cohorts.id, cohortId), eq(cohorts.supervisorId, supervisor.id)));
	return cohort ?? notFound('cohort');
}

/** Whether this supervisor leads a cohort the learner is in. */
export async function supervises(db: Db, supervisorId: string, learnerId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: cohorts.id })
		.from(cohorts)
		.innerJoin(cohortMembers, eq(cohortMembers.cohortId, cohorts.id))
		.where(and(eq(cohorts.supervisorId, supervisorId), eq(cohortMembers.learnerId, learnerId)))
		.limit(1);
	return row !== undefined;
}

/**
 * A reflection is readable by its author; by a supervisor of theirs once shared with "my supervisor";
 * by the members of a group it was shared with (while author and viewer are both members).
 */
export async function canReadReflection(db: Db, viewer: SessionUser, reflection: Pick<Reflection, 'id' | 'learnerId' | 'visibility'>): Promise<boolean> {
	if (viewer.id === reflection.learnerId) return true;
	if (reflection.visibility === 'supervisor') return isSupervisor(viewer) && (await supervises(db, viewer.id, reflection.learnerId));
	if (reflection.visibility === 'group') return sharedWithGroupOf(db, viewer.id, reflection);
	return false;
}

async function sharedWithGroupOf(db: Db, viewerId: string, reflection: Pick<Reflection, 'id' | 'learnerId'>): Promise<boolean> {
	const author = db.select({ groupId: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.memberId, reflection.learnerId));
	const [row] = await db
		.select({ groupId: reflectionShares.groupId })
		.from(reflectionShares)
		.innerJoin(groupMembers, and(eq(groupMembers.groupId, reflectionShares.groupId), eq(groupMembers.memberId, viewerId)))
		.where(and(eq(reflectionShares.reflectionId, reflection.id), inArray(reflectionShares.groupId, author)))
		.limit(1);
	return row !== undefined;
}

// Subqueries built without a database handle, so that a condition is a plain value.
const qb = new QueryBuilder();
const viewerIn = alias(groupMembers, 'viewer_in');
const authorIn = alias(groupMembers, 'author_in');
const nothing = sql`false`;

/**
 * The reflections `viewer` may read, as a condition on the `reflections` table: canReadReflection
 * for a whole set in one statement (the integration tests hold the two to the same answers).
 * Each branch is a rule of its own; a viewer who fits none gets `false`, never "no condition".
 */
export function readableBy(viewer: SessionUser): SQL {
	return or(eq(reflections.learnerId, viewer.id), sharedWithSupervisor(viewer), sharedInGroupWith(viewer)) ?? nothing;
}

/** Reflections shared with "my supervisor" whose author is in one of this supervisor's cohorts. */
export function sharedWithSupervisor(supervisor: SessionUser): SQL {
	if (!isSupervisor(supervisor)) return nothing;
	const trainees = qb
		.select({ id: cohortMembers.learnerId })
		.from(cohortMembers)
		.innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
		.where(eq(cohorts.supervisorId, supervisor.id));
	return and(eq(reflections.visibility, 'supervisor'), inArray(reflections.learnerId, trainees)) ?? nothing;
}

/** Reflections shared with a group that both the author and the viewer are members of. */
function sharedInGroupWith(viewer: SessionUser): SQL {
	const share = qb
		.select({ one: sql`1` })
		.from(reflectionShares)
		.innerJoin(viewerIn, and(eq(viewerIn.groupId, reflectionShares.groupId), eq(viewerIn.memberId, viewer.id)))
		.innerJoin(authorIn, and(eq(authorIn.groupId, reflectionShares.groupId), eq(authorIn.memberId, reflections.learnerId)))
		.where(eq(reflectionShares.reflectionId, reflections.id));
	return and(eq(reflections.visibility, 'group'), exists(share)) ?? nothing;
}

/** The group, if the user is a member of it; anything else looks like "not found". */
export async function groupForMember(db: Db, user: SessionUser, groupId: string): Promise<Group> {
	const [row] = await db
		.select({ group: groups })
		.from(groups)
		.innerJoin(groupMembers, and(eq(groupMembers.groupId, groups.id), eq(groupMembers.memberId, user.id)))
		.where(eq(groups.id, groupId));
	return row?.group ?? notFound('group');
}

/** A learner shares a reflection only with a group they are in. */
export async function mayShareWith(db: Pick<Db, 'select'>, user: SessionUser, groupId: string): Promise<boolean> {
	const [row] = await db
		.select({ id: groupMembers.memberId })
		.from(groupMembers)
		.where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.memberId, user.id)))
		.limit(1);
	return row !== undefined;
}

/** Only the facilitator picks the case, runs the meeting and writes its notes. */
export function isFacilitator(group: Group, user: SessionUser): boolean {
	return group.facilitatorId === user.id;
}

/** A trainee's assigned work, as seen by the supervisor whose cohort it was assigned in. */
export async function submissionForSupervisor(db: Db, supervisor: SessionUser, assignmentId: number, learnerId: string) {
	supervisorOnly(supervisor);
	const [row] = await db
		.select({ assignment: assignments, work: assignmentLearners, cohort: cohorts })
		.from(assignmentLearners)
		.innerJoin(assignments, eq(assignments.id, assignmentLearners.assignmentId))
		.innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
		.where(and(eq(assignmentLearners.assignmentId, assignmentId), eq(assignmentLearners.learnerId, learnerId), eq(cohorts.supervisorId, supervisor.id)));
	return row ?? notFound('submission');
}

/** Only same-site relative paths are followed after login, never another origin. */
export function safeRedirect(target: string | null | undefined, fallback = '/dashboard'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
	return target;
}

/**
 * Set-based form of the supervisor rule, for lists such as the inbox: a row of assigned work
 * (assignment_learners joined to assignments) is theirs only in a cohort they lead, and only while
 * the trainee is still a member of it. A query over many trainees adds this to its `where`.
 */
export function workSupervisedBy(supervisorId: string): SQL {
	return sql`exists (select 1 from ${cohorts} join ${cohortMembers} on ${cohortMembers.cohortId} = ${cohorts.id}
		where ${cohorts.id} = ${assignments.cohortId} and ${cohorts.supervisorId} = ${supervisorId} and ${cohortMembers.learnerId} = ${assignmentLearners.learnerId})`;
}

/*
 * Practice (issue 15): a drill response is read like a reflection — by its author; by a supervisor of theirs once
 * shared with "my supervisor"; by the members of the group it was shared with while the author is one too.
 */

/** The drill responses `viewer` may read, as a condition on `drill_responses` (one statement for a whole list). */
export function drillResponsesReadableBy(viewer: SessionUser): SQL {
	const own = eq(drillResponses.learnerId, viewer.id);
	const trainees = qb
		.select({ id: cohortMembers.learnerId })
		.from(cohortMembers)
		.innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
		.where(eq(cohorts.supervisorId, viewer.id));
	const supervisor = isSupervisor(viewer) ? and(eq(drillResponses.visibility, 'supervisor'), inArray(drillResponses.learnerId, trainees)) : undefined;
	const inGroup = qb
		.select({ one: sql`1` })
		.from(viewerIn)
		.innerJoin(authorIn, and(eq(authorIn.groupId, viewerIn.groupId), eq(authorIn.memberId, drillResponses.learnerId)))
		.where(and(eq(viewerIn.groupId, drillResponses.groupId), eq(viewerIn.memberId, viewer.id)));
	const group = and(eq(drillResponses.visibility, 'group'), exists(inGroup));
	return or(own, supervisor, group) ?? nothing;
}

/*
 * Rated practice (issue 16): a response is rated by someone who may read it and is not its author — the supervisor
 * it was shared with, or a member of the group it was shared with. Never by the learner themself.
 */

/** The drill responses `rater` may rate, as a condition on `drill_responses`. */
export function drillResponsesRatableBy(rater: SessionUser): SQL {
	return and(drillResponsesReadableBy(rater), ne(drillResponses.learnerId, rater.id)) ?? nothing;
}
