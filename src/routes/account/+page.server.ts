import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { changePassword } from '$lib/server/auth/accounts';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { changePasswordSchema, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/policy';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { email: user.email, displayName: user.displayName };
};

export const actions: Actions = {
	password: async ({ request, locals, url }) => {
		const user = requireUser(locals, url);
		const parsed = parseForm(changePasswordSchema, await readForm(request));
		if (!parsed.ok) return fail(400, { action: 'password', errors: parsed.errors });
		const changed = await changePassword(await db(), user.id, parsed.data.currentPassword, parsed.data.newPassword, locals.sessionToken ?? '');
		if (!changed) return fail(400, { action: 'password', errors: { currentPassword: 'error_current_password' } });
		return { action: 'password', success: true };
	},
	logoutEverywhere: async ({ locals, cookies, url }) => {
		const user = requireUser(locals, url);
		await invalidateUserSessions(await db(), user.id);
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
