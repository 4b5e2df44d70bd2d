import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requestPasswordReset, resetAllowed } from '$lib/server/auth/reset';
import { linkOrigin, queueMail } from '$lib/server/mail';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { resetRequestSchema } from '$lib/server/auth/forms';
import { logEvent } from '$lib/server/log';
import type { Actions } from './$types';

export const actions: Actions = {
	/** One answer for every well-formed address: whether a mail went out is told only to the mailbox. */
	default: async ({ request, getClientAddress, url }) => {
		const form = await readForm(request);
		const email = String(form.get('email') ?? '').slice(0, 254);
		const parsed = parseForm(resetRequestSchema, form);
		if (!parsed.ok) return fail(400, { email, errors: parsed.errors });
		const database = await db();
		if (!(await resetAllowed(database, getClientAddress()))) return fail(429, { email, errors: { form: 'error_throttled_reset' } });
		const { mail } = await requestPasswordReset(database, parsed.data.email, linkOrigin(url));
		queueMail(mail);
		logEvent('reset.requested', { mailed: mail !== null });
		redirect(303, '/reset/sent');
	}
};
