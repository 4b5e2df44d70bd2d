import { redirect } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { LOGIN_STATE_LIFETIME, STATE_COOKIE_PREFIX, readLoginParams, startLogin } from '$lib/server/lti/login';
import { ltiPage } from '$lib/server/lti/html';
import { ltiErrorPage } from '$lib/server/lti/errors';
import type { RequestEvent, RequestHandler } from './$types';

/** OIDC login initiation, by GET or POST as the platform chooses (LTI 1.3 Core §5.1.1). */
async function initiate({ request, url, cookies }: RequestEvent, params: URLSearchParams | FormData): Promise<Response> {
	const login = readLoginParams(params);
	if (!login) return ltiErrorPage(400, m.lti_error_bad_request());
	const database = await db();
	const result = await startLogin(database, login, url.origin);
	if (!result.ok) return ltiErrorPage(400, result.error === 'unknown-platform' ? m.lti_error_unknown_platform() : m.lti_error_bad_request());
	// In a frame the state cookie (and later the session) may be blocked or partitioned: start over in a window of its own.
	if (request.headers.get('sec-fetch-dest') === 'iframe') {
		const framers = [...new Set([new URL(result.platform.issuer).origin, new URL(result.platform.authUrl).origin])];
		return ltiPage({
			title: m.lti_frame_title(),
			paragraphs: [m.lti_frame_body()],
			form: {
				action: '/lti/login',
				fields: Object.fromEntries(Object.entries(login).filter(([, v]) => v !== undefined)),
				button: m.lti_frame_button(),
				newWindow: true,
				redirectsTo: [new URL(result.platform.authUrl).origin]
			},
			frameAncestors: framers
		});
	}
	// The platform posts the launch back from its own site: only a SameSite=None cookie goes with that post (Secure, which browsers allow on http://localhost).
	cookies.set(`${STATE_COOKIE_PREFIX}${result.state}`, '1', {
		path: '/lti/launch',
		httpOnly: true,
		secure: !dev || url.protocol === 'https:' || url.hostname === 'localhost' || url.hostname === '127.0.0.1',
		sameSite: 'none',
		maxAge: LOGIN_STATE_LIFETIME / 1000
	});
	redirect(302, result.redirectUrl);
}

export const GET: RequestHandler = (event) => initiate(event, event.url.searchParams);
export const POST: RequestHandler = async (event) => initiate(event, await event.request.formData());
