/** One trainee as their supervisor sees them: their assignments in this cohort, and what they shared. */
import { and, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Course, Locale } from '../content';
import { targetKey } from '../content/build';
import type { Db } from '../db';
import { cohortMembers, reflections, users, type Cohort } from '../db/schema';
import { logAccess } from '../audit';
import { sharedWithSupervisor } from '../policy';
import { assignmentsOfLearner } from './assignments';

/**
 * The page's data for a member of `cohort` (which the caller has checked the supervisor leads), or
 * null when the learner is not in it. The reflections are those the policy lets the supervisor read
 * as the trainee's supervisor; showing them is logged in the trainee's access log.
 */
export async function traineeForSupervisor(db: Db, course: Course, supervisor: SessionUser, cohort: Pick<Cohort, 'id'>, learnerId: string, locale: Locale) {
	const [learner] = await db
		.select({ id: users.id, displayName: users.displayName })
		.from(cohortMembers)
		.innerJoin(users, eq(users.id, cohortMembers.learnerId))
		.where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.learnerId, learnerId)));
	if (!learner) return null;
	const [shared, assigned] = await Promise.all([
		db
			.select()
			.from(reflections)
			.where(and(eq(reflections.learnerId, learner.id), sharedWithSupervisor(supervisor))),
		assignmentsOfLearner(db, course, learner.id)
	]);
	await logAccess(
		db,
		supervisor,
		learner.id,
		shared.map((r) => `reflection:${r.promptKey}`)
	);
	return {
		learner,
		reflections: shared.map((r) => ({
			key: r.promptKey,
			item: course.items.get(r.itemId)?.title[locale] ?? r.itemId,
			body: r.body,
			updatedAt: r.updatedAt.toISOString()
		})),
		assignments: assigned
			.filter((a) => a.assignment.cohortId === cohort.id)
			.map((a) => ({
				id: a.assignment.id,
				title: course.targets.get(targetKey(a.assignment.targetType, a.assignment.targetId))?.title[locale] ?? a.assignment.targetId,
				status: a.status,
				dueAt: a.assignment.dueAt.toISOString()
			}))
	};
}
