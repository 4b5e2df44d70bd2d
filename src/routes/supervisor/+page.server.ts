import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { findTarget } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireSupervisor } from '$lib/server/guards';
import { cohortsOfSupervisor, createCohort } from '$lib/server/supervision/cohorts';
import { cohortNameSchema } from '$lib/server/supervision/forms';
import { inboxOf } from '$lib/server/supervision/inbox';
import { ltiCohortsOf } from '$lib/server/lti/provision';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const supervisor = requireSupervisor();
	const database = await db();
	const [cohorts, inbox, ltiCohorts] = await Promise.all([
		cohortsOfSupervisor(database, supervisor.id),
		inboxOf(database, supervisor.id),
		ltiCohortsOf(database, supervisor.id)
	]);
	return {
		cohorts,
		/** Cohorts that came from an LMS course: their roster can be fetched from there (/lti/roster). */
		ltiRoster: ltiCohorts.length > 0,
		inbox: {
			total: inbox.total,
			cohorts: inbox.cohorts.map((c) => ({
				...c,
				entries: c.entries.map((e) => ({
					kind: e.kind,
					assignmentId: e.assignmentId,
					learnerId: e.learnerId,
					learnerName: e.learnerName,
					title: findTarget(e.targetType, e.targetId)?.title[locale()] ?? e.targetId,
					at: e.at.toISOString()
				}))
			}))
		}
	};
};

export const actions: Actions = {
	create: async ({ request }) => {
		const supervisor = requireSupervisor();
		const form = await readForm(request);
		const parsed = parseForm(cohortNameSchema, form);
		if (!parsed.ok) return fail(400, { name: String(form.get('name') ?? '').slice(0, 80), errors: parsed.errors });
		const cohort = await createCohort(await db(), supervisor.id, parsed.data.name);
		redirect(303, `/supervisor/cohorts/${cohort.id}`);
	}
};
