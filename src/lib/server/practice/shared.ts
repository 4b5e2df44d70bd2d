/**
 * Drill responses someone else may read: on a supervisor's trainee page and on a group's page. The rule is
 * policy.drillResponsesReadableBy; every response shown to someone other than its author is logged (audit.logReads).
 */
import { and, desc, eq, ne, notExists } from 'drizzle-orm';
import type { Db } from '../db';
import { drillResponses, testResponses, users } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { logReads } from '../audit';
import { drillResponsesReadableBy } from '../policy';

/** `practice:<response id>` in the access log, as `reflection:<prompt key>` is for reflections. */
export const readKey = (id: number) => `practice:${id}`;

type Scope = { learnerId: string } | { groupId: string };

/**
 * Responses shared with `viewer` by one learner (their supervisor's view) or in one group, newest first; the reads are
 * logged. Performance-test responses are left out: they are rated blind in the rating queue, and this list shows dates.
 */
export async function sharedResponses(db: Db, viewer: SessionUser, scope: Scope) {
	const where =
		'learnerId' in scope
			? and(eq(drillResponses.learnerId, scope.learnerId), eq(drillResponses.visibility, 'supervisor'))
			: and(eq(drillResponses.groupId, scope.groupId), eq(drillResponses.visibility, 'group'));
	const rows = await db
		.select({
			id: drillResponses.id,
			learnerId: drillResponses.learnerId,
			author: users.displayName,
			drillId: drillResponses.drillId,
			bodyNote: drillResponses.bodyNote,
			body: drillResponses.body,
			ratings: drillResponses.ratings,
			difficulty: drillResponses.difficulty,
			submittedAt: drillResponses.submittedAt
		})
		.from(drillResponses)
		.innerJoin(users, eq(users.id, drillResponses.learnerId))
		.where(
			and(
				where,
				ne(drillResponses.learnerId, viewer.id),
				drillResponsesReadableBy(viewer),
				notExists(db.select({ id: testResponses.responseId }).from(testResponses).where(eq(testResponses.responseId, drillResponses.id)))
			)
		)
		.orderBy(desc(drillResponses.submittedAt))
		.limit(200);
	await logReads(
		db,
		viewer,
		rows.map((r) => ({ learnerId: r.learnerId, what: readKey(r.id) }))
	);
	return rows;
}
export type SharedResponse = Awaited<ReturnType<typeof sharedResponses>>[number];
