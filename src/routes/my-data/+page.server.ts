import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { hasRecentPassword, isSupervisor } from '$lib/server/policy';
import { accessLogView } from '$lib/server/account/access';
import { reauthenticate } from '$lib/server/account/confirm';
import { deleteAccount } from '$lib/server/account/delete';
import { postsBy } from '$lib/server/groups/groups';
import { adoptSession, clearSessionCookie } from '$lib/server/auth/cookies';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { deleteAccountSchema } from '$lib/server/account/forms';
import { ltiLinkedUsers } from '$lib/server/lti/provision';
import type { ErrorKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const reauthProblems: Record<'throttled' | 'wrong' | 'needed', ErrorKey> = {
	throttled: 'error_throttled',
	wrong: 'error_delete_password',
	needed: 'error_password_needed'
};

/** The export endpoint sends a refused password back here as ?export=… (a download cannot carry a message). */
function exportError(url: URL): { message: ErrorKey; seconds?: number } | null {
	const reason = url.searchParams.get('export');
	if (reason === 'wrong') return { message: 'error_export_password' };
	if (reason === 'needed') return { message: 'error_password_needed' };
	if (reason === 'throttled')
		return { message: 'error_throttled', seconds: Math.min(300, Math.max(1, Number.parseInt(url.searchParams.get('wait') ?? '', 10) || 60)) };
	return null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser();
	const database = await db();
	const [log, posts, lti] = await Promise.all([accessLogView(database, user.id, locale()), postsBy(database, user.id), ltiLinkedUsers(database, [user.id])]);
	return {
		log,
		groupPosts: posts,
		supervisor: isSupervisor(user),
		passwordRecent: hasRecentPassword(locals.session),
		exportError: exportError(url),
		/** An account made by an LMS launch has no password: a fresh launch counts as entering one (see lti/launch). */
		ltiAccount: lti.has(user.id)
	};
};

export const actions: Actions = {
	delete: async ({ locals, request, cookies }) => {
		const user = requireUser();
		const form = await readForm(request);
		const parsed = parseForm(deleteAccountSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, posts: form.get('posts') === 'keep' ? 'keep' : 'remove' });
		const database = await db();
		if (!locals.session) redirect(303, '/login');
		const auth = await reauthenticate(database, user, locals.session, parsed.data.password);
		if (!auth.ok) {
			const message = reauthProblems[auth.reason];
			return fail(400, { errors: { password: message }, seconds: auth.reason === 'throttled' ? auth.waitSeconds : 0, posts: parsed.data.posts });
		}
		if (auth.rotated) adoptSession(cookies, locals, auth.rotated.token, auth.rotated.session);
		await deleteAccount(database, user, parsed.data.posts);
		clearSessionCookie(cookies);
		redirect(303, '/?account=deleted');
	}
};
