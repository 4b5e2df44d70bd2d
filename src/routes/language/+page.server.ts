import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setLocale } from '$lib/server/auth/accounts';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { safeRedirect } from '$lib/server/policy';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ request, cookies, locals }) => {
		const form = await readForm(request);
		const locale = form.get('locale') === 'en' ? 'en' : 'nl';
		setLocaleCookie(cookies, locale);
		if (locals.user) await setLocale(await db(), locals.user.id, locale);
		redirect(303, safeRedirect(String(form.get('redirectTo') ?? ''), '/'));
	}
};
