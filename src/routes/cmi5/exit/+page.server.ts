import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { readForm } from '$lib/server/forms';
import { terminateLaunch } from '$lib/server/xapi/cmi5';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	requireUser();
	return {};
};

export const actions: Actions = {
	/** Ends the LMS's session (cmi5 "terminated") and goes back to the LMS when it gave a return address. */
	default: async ({ request }) => {
		const user = requireUser();
		const launch = (await readForm(request)).get('launch');
		const ended = typeof launch === 'string' ? await terminateLaunch(await db(), user.id, launch) : null;
		if (ended?.returnUrl) redirect(303, ended.returnUrl);
		redirect(303, '/cmi5/exit');
	}
};
