import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { setPassword } from '$lib/server/auth/accounts';
import { invalidateUserSessions } from '$lib/server/auth/session';
import { adoptSession, clearSessionCookie } from '$lib/server/auth/cookies';
import { reauthenticate } from '$lib/server/account/confirm';
import { requestEmailChange } from '$lib/server/auth/email-change';
import { linkOrigin, queueMail } from '$lib/server/mail';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { changeEmailSchema, changePasswordSchema, weakPasswordError } from '$lib/server/auth/forms';
import { requireUser } from '$lib/server/guards';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const user = requireUser();
	return { email: user.email, displayName: user.displayName };
};

export const actions: Actions = {
	/** The current password is always asked (it is the re-authentication); the new one must be hard to guess. */
	password: async ({ request, locals, cookies }) => {
		const user = requireUser();
		const parsed = parseForm(changePasswordSchema, await readForm(request));
		if (!parsed.ok) return fail(400, { action: 'password', errors: parsed.errors });
		const weak = weakPasswordError(parsed.data.newPassword, user.email, user.displayName);
		if (weak) return fail(400, { action: 'password', errors: { newPassword: weak } });
		const database = await db();
		if (!locals.session) redirect(303, '/login');
		const auth = await reauthenticate(database, user, locals.session, parsed.data.currentPassword);
		if (!auth.ok) {
			const error = auth.reason === 'throttled' ? 'error_throttled' : 'error_current_password';
			return fail(auth.reason === 'throttled' ? 429 : 400, {
				action: 'password',
				seconds: auth.reason === 'throttled' ? auth.waitSeconds : 0,
				errors: { currentPassword: error }
			});
		}
		const current = auth.rotated?.session ?? locals.session;
		if (auth.rotated) adoptSession(cookies, locals, auth.rotated.token, auth.rotated.session);
		await setPassword(database, user.id, parsed.data.newPassword, current.id);
		logEvent('password.changed', { userId: user.id });
		return { action: 'password', success: true };
	},
	/** Like the password change, the password is asked again; a taken address gets the same answer as a free one. */
	email: async ({ request, locals, url, cookies }) => {
		const user = requireUser();
		const form = await readForm(request);
		const newEmail = String(form.get('newEmail') ?? '').slice(0, 254);
		const parsed = parseForm(changeEmailSchema, form);
		if (!parsed.ok) return fail(400, { action: 'email', newEmail, errors: parsed.errors });
		const database = await db();
		if (!locals.session) redirect(303, '/login');
		const auth = await reauthenticate(database, user, locals.session, parsed.data.password);
		if (!auth.ok) {
			const error = auth.reason === 'throttled' ? 'error_throttled' : 'error_current_password';
			return fail(auth.reason === 'throttled' ? 429 : 400, {
				action: 'email',
				newEmail,
				seconds: auth.reason === 'throttled' ? auth.waitSeconds : 0,
				errors: { emailPassword: error }
			});
		}
		if (auth.rotated) adoptSession(cookies, locals, auth.rotated.token, auth.rotated.session);
		const { mails } = await requestEmailChange(database, user, parsed.data.newEmail, linkOrigin(url));
		for (const mail of mails) queueMail(mail);
		logEvent('email.change.requested', { userId: user.id });
		return { action: 'email', success: true };
	},
	logoutEverywhere: async ({ cookies }) => {
		const user = requireUser();
		await invalidateUserSessions(await db(), user.id);
		logEvent('logout.everywhere', { userId: user.id });
		clearSessionCookie(cookies);
		redirect(303, '/login');
	}
};
