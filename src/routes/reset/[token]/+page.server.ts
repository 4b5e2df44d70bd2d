import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { resetPassword, resetTarget } from '$lib/server/auth/reset';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { resetPasswordSchema, tokenProblems, weakPasswordError } from '$lib/server/auth/forms';
import { logEvent } from '$lib/server/log';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const target = await resetTarget(await db(), params.token);
	return { problem: target.ok ? null : tokenProblems[target.reason] };
};

export const actions: Actions = {
	/** Sets the password and ends every session; the learner then logs in with it (a fresh session, made by the password). */
	default: async ({ params, request }) => {
		const database = await db();
		const target = await resetTarget(database, params.token);
		if (!target.ok) return fail(400, { problem: tokenProblems[target.reason], errors: {} });
		const parsed = parseForm(resetPasswordSchema, await readForm(request));
		if (!parsed.ok) return fail(400, { problem: null, errors: parsed.errors });
		const weak = weakPasswordError(parsed.data.password, target.email, target.displayName);
		if (weak) return fail(400, { problem: null, errors: { password: weak } });
		const result = await resetPassword(database, params.token, parsed.data.password);
		if (!result.ok) return fail(400, { problem: tokenProblems[result.reason], errors: {} });
		logEvent('password.reset', { userId: result.userId });
		redirect(303, '/login?reset=done');
	}
};
