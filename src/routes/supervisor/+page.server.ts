import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireSupervisor } from '$lib/server/guards';
import { cohortsOfSupervisor, createCohort } from '$lib/server/supervision/cohorts';
import { cohortNameSchema } from '$lib/server/supervision/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const supervisor = requireSupervisor();
	return { cohorts: await cohortsOfSupervisor(await db(), supervisor.id) };
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
