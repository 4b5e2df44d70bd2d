/**
 * The policy as a route asks it: the user and the database come from the current request
 * (`getRequestEvent()`, as the `sv` template's `requireLogin()` does), so a load or action says
 * `requireUser()` or `ownCohort(id)`. Nothing is decided here; each guard hands over to policy.ts.
 */
import { getRequestEvent } from '$app/server';
import type { SessionUser } from './auth/session';
import { db } from './db';
import type { Cohort, Group } from './db/schema';
import * as policy from './policy';

/**
 * The signed-in user, or a redirect to the login page that comes back afterwards: to this page
 * (path and query), or to `returnTo` where this address is not a page (a download, an action).
 */
export function requireUser(returnTo?: string): SessionUser {
	const { locals, url } = getRequestEvent();
	return policy.userOrLogin(locals.user, returnTo ?? url.pathname + url.search);
}

/** The signed-in supervisor; anyone else signed in gets "not found". */
export function requireSupervisor(): SessionUser {
	return policy.supervisorOnly(requireUser());
}

/** The signed-in course owner (role admin); anyone else signed in gets "not found". */
export function requireAdmin(): SessionUser {
	return policy.adminOnly(requireUser());
}

/** The cohort, if the signed-in supervisor leads it. */
export async function ownCohort(cohortId: string): Promise<Cohort> {
	const supervisor = requireSupervisor();
	return policy.ownCohort(await db(), supervisor, cohortId);
}

/** The group, if the signed-in user is a member of it. */
export async function groupForMember(groupId: string): Promise<Group> {
	const user = requireUser();
	return policy.groupForMember(await db(), user, groupId);
}

/** A trainee's assigned work, if the signed-in supervisor assigned it in their cohort. */
export async function submissionForSupervisor(assignmentId: number, learnerId: string) {
	const supervisor = requireSupervisor();
	return policy.submissionForSupervisor(await db(), supervisor, assignmentId, learnerId);
}
