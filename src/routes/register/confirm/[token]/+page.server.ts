import { redirect } from '@sveltejs/kit';
import { fail } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { confirmRegistration } from '$lib/server/auth/accounts';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { asLocale } from '$lib/server/auth/mails';
import { peekToken } from '$lib/server/auth/tokens';
import { tokenProblems } from '$lib/server/auth/forms';
import { safeRedirect } from '$lib/server/policy';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

/** Following the link only shows a button: mail scanners that open links must not use the token. */
export const load: PageServerLoad = async ({ params }) => {
	const seen = await peekToken(await db(), 'register', params.token);
	return { problem: seen.ok ? null : tokenProblems[seen.reason] };
};

export const actions: Actions = {
	default: async ({ params, cookies }) => {
		const result = await confirmRegistration(await db(), params.token);
		if (!result.ok) return fail(400, { problem: result.reason === 'taken' ? 'error_register_taken' : tokenProblems[result.reason] });
		logEvent('registration', { userId: result.user.id });
		setSessionCookie(cookies, result.token, result.session);
		setLocaleCookie(cookies, asLocale(result.user.locale));
		redirect(303, safeRedirect(result.redirectTo));
	}
};
