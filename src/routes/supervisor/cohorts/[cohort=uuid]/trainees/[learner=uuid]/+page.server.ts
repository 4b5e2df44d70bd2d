import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { ownCohort, requireSupervisor } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { traineeForSupervisor } from '$lib/server/supervision/trainee';
import { sharedResponses } from '$lib/server/practice/shared';
import { sharedView } from '$lib/server/practice/present';
import type { PageServerLoad } from './$types';

/** One trainee as their supervisor sees them: progress, assignments, and what they shared. */
export const load: PageServerLoad = async ({ params }) => {
	const supervisor = requireSupervisor();
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const trainee = await traineeForSupervisor(database, course, supervisor, cohort, params.learner, locale());
	if (!trainee) notFound();
	// Practice responses the trainee shared with "my supervisor" (issue 15); each read is logged.
	const practice = sharedView(await sharedResponses(database, supervisor, { learnerId: params.learner }), locale());
	return { cohort: { id: cohort.id, name: cohort.name }, ...trainee, practice };
};
