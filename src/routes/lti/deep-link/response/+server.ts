import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { deepLinkingResponse } from '$lib/server/lti/deep-linking';
import { ltiPage } from '$lib/server/lti/html';
import type { RequestHandler } from './$types';

/** The picker's post: the signed LtiDeepLinkingResponse goes to the platform in a form that sends itself (a button without JavaScript). */
export const POST: RequestHandler = async ({ request, url, locals }) => {
	if (!locals.user) redirect(303, '/login');
	const form = await request.formData();
	const ticket = String(form.get('ticket') ?? '');
	const paths = form.getAll('target').filter((p): p is string => typeof p === 'string');
	const answer = await deepLinkingResponse(await db(), course, { ticket, userId: locals.user.id, paths, locale: locale(), toolOrigin: url.origin });
	if (!answer.ok) {
		if (answer.error === 'ticket') return ltiPage({ status: 400, title: m.lti_deep_link_title(), paragraphs: [m.lti_deep_link_expired()] });
		redirect(303, `/lti/deep-link?ticket=${encodeURIComponent(ticket)}&problem=${answer.error}`);
	}
	return ltiPage({
		title: m.lti_continue_title(),
		paragraphs: [m.lti_continue_body()],
		form: { action: answer.returnUrl, fields: { JWT: answer.jwt }, button: m.lti_continue_button(), auto: true }
	});
};
