import { redirect } from '@sveltejs/kit';
import { fail } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { joinCohort, lookupInvite } from '$lib/server/supervision/cohorts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const found = await lookupInvite(await db(), params.code, getClientAddress());
	return {
		invite: found.ok ? { cohortName: found.cohort.name, supervisorName: found.cohort.supervisorName } : null,
		reason: found.ok ? null : found.reason,
		loggedIn: locals.user !== null,
		here: `/join/${params.code}`
	};
};

export const actions: Actions = {
	default: async ({ params, getClientAddress, url }) => {
		// Back to the invite page itself after logging in.
		const user = requireUser(url.pathname);
		const database = await db();
		const found = await lookupInvite(database, params.code, getClientAddress());
		if (!found.ok)
			return fail(found.reason === 'throttled' ? 429 : 404, { message: found.reason === 'throttled' ? 'error_invite_throttled' : 'error_invite_invalid' });
		await joinCohort(database, found.cohort.id, user.id);
		redirect(303, '/dashboard?joined=1');
	}
};
