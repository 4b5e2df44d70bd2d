import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { db } from '$lib/server/db';
import { register, registrationAllowed } from '$lib/server/auth/accounts';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { parseForm, registerSchema, readForm } from '$lib/server/forms';
import { safeRedirect } from '$lib/server/policy';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress }) => {
		const form = await readForm(request);
		const values = { email: String(form.get('email') ?? '').slice(0, 254), displayName: String(form.get('displayName') ?? '').slice(0, 80) };
		const parsed = parseForm(registerSchema, form);
		if (!parsed.ok) return fail(400, { ...values, errors: parsed.errors });
		const database = await db();
		if (!(await registrationAllowed(database, getClientAddress()))) {
			return fail(429, { ...values, errors: { form: 'error_throttled_register' } });
		}
		const result = await register(database, { ...parsed.data, locale: getLocale() === 'en' ? 'en' : 'nl' }, getClientAddress());
		if (!result.ok) return fail(400, { ...values, errors: { email: 'error_register_refused' } });
		logEvent('registration', { userId: result.user.id });
		setSessionCookie(cookies, result.token, result.session);
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? '')));
	}
};
