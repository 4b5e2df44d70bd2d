import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setLocale } from '$lib/server/auth/accounts';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { safeRedirect } from '$lib/server/policy';
import { formValues, readForm } from '$lib/server/forms';
import { languageSchema } from '$lib/server/auth/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const { locale, redirectTo } = languageSchema.parse(formValues(await readForm(request)));
		setLocaleCookie(cookies, locale);
		if (locals.user) await setLocale(await db(), locals.user.id, locale);
		redirect(303, safeRedirect(redirectTo, '/'));
	}
};
