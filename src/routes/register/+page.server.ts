import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { db } from '$lib/server/db';
import { register, registrationAllowed } from '$lib/server/auth/accounts';
import { linkOrigin, queueMail } from '$lib/server/mail';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { registerSchema } from '$lib/server/auth/forms';
import { safeRedirect } from '$lib/server/policy';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const redirectTo = safeRedirect(url.searchParams.get('redirectTo'));
	if (locals.user) redirect(303, redirectTo);
	return { redirectTo };
};

export const actions: Actions = {
	/** The same answer for a new and a known address: the mail tells them apart, not the page. */
	default: async ({ request, getClientAddress, url }) => {
		const form = await readForm(request);
		const values = { email: String(form.get('email') ?? '').slice(0, 254), displayName: String(form.get('displayName') ?? '').slice(0, 80) };
		const parsed = parseForm(registerSchema, form);
		if (!parsed.ok) return fail(400, { ...values, errors: parsed.errors });
		const database = await db();
		if (!(await registrationAllowed(database, getClientAddress()))) {
			return fail(429, { ...values, errors: { form: 'error_throttled_register' } });
		}
		const { email, displayName, password, redirectTo } = parsed.data;
		const account = { email, displayName, password, locale: locale(), redirectTo: safeRedirect(redirectTo) };
		const { mail } = await register(database, account, linkOrigin(url));
		queueMail(mail);
		logEvent('registration.requested');
		redirect(303, '/register/sent');
	}
};
