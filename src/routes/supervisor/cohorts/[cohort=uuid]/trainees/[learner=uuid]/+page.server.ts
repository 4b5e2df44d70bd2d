import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { ownCohort, requireSupervisor } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { traineeForSupervisor } from '$lib/server/supervision/trainee';
import type { PageServerLoad } from './$types';

/** One trainee as their supervisor sees them: progress, assignments, and what they shared. */
export const load: PageServerLoad = async ({ params }) => {
	const supervisor = requireSupervisor();
	const cohort = await ownCohort(params.cohort);
	const trainee = await traineeForSupervisor(await db(), course, supervisor, cohort, params.learner, locale());
	if (!trainee) notFound();
	return { cohort: { id: cohort.id, name: cohort.name }, ...trainee };
};
