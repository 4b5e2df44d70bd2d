import { fail } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireSupervisor } from '$lib/server/guards';
import { readForm } from '$lib/server/forms';
import { ltiCohortsOf } from '$lib/server/lti/provision';
import { syncRoster } from '$lib/server/lti/roster';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireSupervisor();
	const cohorts = await ltiCohortsOf(await db(), user.id);
	return { cohorts: cohorts.map((c) => ({ id: c.cohortId, name: c.name, hasService: c.membershipsUrl !== null })) };
};

export const actions: Actions = {
	/** The instructor's roster sync (NRPS) for one of their LTI cohorts. */
	sync: async ({ request }) => {
		const user = requireSupervisor();
		const cohortId = String((await readForm(request)).get('cohort') ?? '').slice(0, 100);
		const result = await syncRoster(await db(), user.id, cohortId);
		if (!result.ok) return fail(result.error === 'platform' ? 502 : 400, { cohortId, problem: result.error });
		return { cohortId, learners: result.learners, added: result.added };
	}
};
