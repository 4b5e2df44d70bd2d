import { and, eq } from 'drizzle-orm';
import { getLocale } from '$lib/paraglide/runtime';
import { course, findTarget, type Locale } from '$lib/server/content';
import { db } from '$lib/server/db';
import { cohortMembers, reflections, users } from '$lib/server/db/schema';
import { logAccess } from '$lib/server/audit';
import { canReadReflection, notFound, ownCohort, requireSupervisor } from '$lib/server/policy';
import { assignmentsOfLearner } from '$lib/server/supervision/assignments';
import type { PageServerLoad } from './$types';

/** One trainee as their supervisor sees them: progress, assignments, and what they shared. */
export const load: PageServerLoad = async ({ locals, url, params }) => {
	const supervisor = requireSupervisor(locals, url);
	const database = await db();
	const cohort = await ownCohort(database, supervisor, params.cohort);
	const [member] = await database
		.select({ id: users.id, displayName: users.displayName })
		.from(cohortMembers)
		.innerJoin(users, eq(users.id, cohortMembers.learnerId))
		.where(and(eq(cohortMembers.cohortId, cohort.id), eq(cohortMembers.learnerId, params.learner)));
	if (!member) notFound();
	const locale = getLocale() as Locale;
	const [rows, assigned] = await Promise.all([
		database.select().from(reflections).where(and(eq(reflections.learnerId, member.id), eq(reflections.visibility, 'supervisor'))),
		assignmentsOfLearner(database, course, member.id)
	]);
	const readable = [];
	for (const r of rows) if (await canReadReflection(database, supervisor, r)) readable.push(r);
	await logAccess(database, supervisor, member.id, readable.map((r) => `reflection:${r.promptKey}`));
	return {
		cohort: { id: cohort.id, name: cohort.name },
		learner: member,
		reflections: readable.map((r) => ({ key: r.promptKey, item: course.items.get(r.itemId)?.title[locale] ?? r.itemId, body: r.body, updatedAt: r.updatedAt.toISOString() })),
		assignments: assigned
			.filter((a) => a.assignment.cohortId === cohort.id)
			.map((a) => ({ id: a.assignment.id, title: findTarget(a.assignment.targetType, a.assignment.targetId)?.title[locale] ?? a.assignment.targetId, status: a.status, dueAt: a.assignment.dueAt.toISOString() }))
	};
};
