import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import type { Locale } from '$lib/server/content';
import { db } from '$lib/server/db';
import { isSupervisor, requireUser } from '$lib/server/policy';
import { accessLogView } from '$lib/server/account/access';
import { confirmPassword } from '$lib/server/account/confirm';
import { deleteAccount } from '$lib/server/account/delete';
import { postsBy } from '$lib/server/groups/groups';
import { clearSessionCookie } from '$lib/server/auth/cookies';
import { deleteAccountSchema, parseForm, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The export endpoint sends a refused password back here as ?export=… (a download cannot carry a message). */
function exportError(url: URL) {
	const reason = url.searchParams.get('export');
	if (reason === 'wrong') return { message: 'error_export_password' };
	if (reason === 'throttled') return { message: 'error_throttled', seconds: Math.min(300, Math.max(1, Number.parseInt(url.searchParams.get('wait') ?? '', 10) || 60)) };
	return null;
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const database = await db();
	const [log, posts] = await Promise.all([accessLogView(database, user.id, getLocale() as Locale), postsBy(database, user.id)]);
	return {
		log,
		groupPosts: posts,
		supervisor: isSupervisor(user),
		exportError: exportError(url)
	};
};

export const actions: Actions = {
	delete: async ({ locals, url, request, cookies }) => {
		const user = requireUser(locals, url);
		const form = await readForm(request);
		const parsed = parseForm(deleteAccountSchema, form);
		if (!parsed.ok) return fail(400, { errors: parsed.errors, posts: form.get('posts') === 'keep' ? 'keep' : 'remove' });
		const database = await db();
		const confirmed = await confirmPassword(database, user, parsed.data.password);
		if (!confirmed.ok) {
			const errors = confirmed.reason === 'throttled' ? { password: 'error_throttled' } : { password: 'error_delete_password' };
			return fail(400, { errors, seconds: confirmed.reason === 'throttled' ? confirmed.waitSeconds : 0, posts: parsed.data.posts });
		}
		await deleteAccount(database, user, parsed.data.posts);
		clearSessionCookie(cookies);
		redirect(303, '/?account=deleted');
	}
};
