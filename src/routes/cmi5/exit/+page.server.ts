import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { readForm } from '$lib/server/forms';
import { lastReturnUrl, terminateLaunch } from '$lib/server/xapi/cmi5';
import type { Actions, PageServerLoad } from './$types';

/** After closing: the link back to the LMS (a redirect there would break the CSP's form-action 'self'). */
export const load: PageServerLoad = async () => {
	const user = requireUser();
	return { returnUrl: await lastReturnUrl(await db(), user.id) };
};

export const actions: Actions = {
	/** Ends the LMS's session: cmi5 "terminated", the last statement of the launch. */
	default: async ({ request }) => {
		const user = requireUser();
		const launch = (await readForm(request)).get('launch');
		if (typeof launch === 'string') await terminateLaunch(await db(), user.id, launch);
		redirect(303, '/cmi5/exit');
	}
};
