import { fail } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { confirmEmailChange, pendingEmail } from '$lib/server/auth/email-change';
import { tokenProblems } from '$lib/server/auth/forms';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

/** Owning the link is what counts (it went to the new address), so no login is needed; the page only shows a button. */
export const load: PageServerLoad = async ({ params }) => {
	const pending = await pendingEmail(await db(), params.token);
	return pending.ok ? { email: pending.email, problem: null } : { email: null, problem: tokenProblems[pending.reason] };
};

export const actions: Actions = {
	default: async ({ params }) => {
		const result = await confirmEmailChange(await db(), params.token);
		if (!result.ok) return fail(400, { problem: result.reason === 'taken' ? 'error_email_taken' : tokenProblems[result.reason] });
		logEvent('email.changed', { userId: result.userId });
		return { confirmed: result.email };
	}
};
