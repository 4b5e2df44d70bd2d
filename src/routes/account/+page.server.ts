import { fail, redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setPassword } from '$lib/server/auth/accounts';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { adoptSession, clearSessionCookie } from '$lib/server/auth/cookies';
import { reauthenticate } from '$lib/server/account/confirm';
import { changePasswordSchema, parseForm, readForm, weakPasswordError } from '$lib/server/forms';
import { requireUser } from '$lib/server/policy';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireUser(locals, url);
	return { email: user.email, displayName: user.displayName };
};

export const actions: Actions = {
	/** The current password is always asked (it is the re-authentication); the new one must be hard to guess. */
	password: async ({ request, locals, url, cookies }) => {
		const user = requireUser(locals, url);
		const parsed = parseForm(changePasswordSchema, await readForm(request));
		if (!parsed.ok) return fail(400, { action: 'password', errors: parsed.errors });
		const weak = weakPasswordError(parsed.data.newPassword, user.email, user.displayName);
		if (weak) return fail(400, { action: 'password', errors: { newPassword: weak } });
		const database = await db();
		if (!locals.session) redirect(303, '/login');
		const auth = await reauthenticate(database, user, locals.session, parsed.data.currentPassword);
		if (!auth.ok) {
			const error = auth.reason === 'throttled' ? 'error_throttled' : 'error_current_password';
			return fail(auth.reason === 'throttled' ? 429 : 400, { action: 'password', seconds: auth.reason === 'throttled' ? auth.waitSeconds : 0, errors: { currentPassword: error } });
		}
		const current = auth.rotated?.session ?? locals.session;
		if (auth.rotated) adoptSession(cookies, locals, auth.rotated.token, auth.rotated.session);
		await setPassword(database, user.id, parsed.data.newPassword, current.id);
		logEvent('password.changed', { userId: user.id });
		return { action: 'password', success: true };
	},
	logoutEverywhere: async ({ locals, cookies, url }) => {
		const user = requireUser(locals, url);
		await invalidateUserSessions(await db(), user.id);
		logEvent('logout.everywhere', { userId: user.id });
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
