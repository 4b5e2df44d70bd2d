import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { login } from '$lib/server/auth/accounts';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { asLocale } from '$lib/server/auth/mails';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { loginSchema } from '$lib/server/auth/forms';
import { safeRedirect } from '$lib/server/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, safeRedirect(url.searchParams.get('redirectTo')));
	return { redirectTo: safeRedirect(url.searchParams.get('redirectTo')), resetDone: url.searchParams.get('reset') === 'done' };
};

export const actions: Actions = {
	default: async ({ request, cookies, getClientAddress, url }) => {
		const form = await readForm(request);
		const email = String(form.get('email') ?? '').slice(0, 254);
		const remember = form.get('remember') === 'yes';
		const parsed = parseForm(loginSchema, form);
		if (!parsed.ok) return fail(400, { email, remember, message: 'error_login' });
		const result = await login(await db(), parsed.data.email, parsed.data.password, getClientAddress(), parsed.data.remember === 'yes');
		if (!result.ok) {
			return result.reason === 'throttled'
				? fail(429, { email, remember, message: 'error_throttled', wait: result.waitSeconds ?? 60 })
				: fail(400, { email, remember, message: 'error_login' });
		}
		setSessionCookie(cookies, result.token, result.session);
		setLocaleCookie(cookies, asLocale(result.user.locale));
		redirect(303, safeRedirect(parsed.data.redirectTo ?? url.searchParams.get('redirectTo') ?? ''));
	}
};
