import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { generateSessionToken, passwordSession } from '$lib/server/auth/session';
import { setLocaleCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { asLocale } from '$lib/server/auth/mails';
import { logEvent } from '$lib/server/log';
import { MESSAGE } from '$lib/server/lti/claims';
import { validateLaunch } from '$lib/server/lti/launch';
import { STATE_COOKIE_PREFIX } from '$lib/server/lti/login';
import { launchRole, provisionLaunch } from '$lib/server/lti/provision';
import { deepLinkSettings, signTicket } from '$lib/server/lti/deep-linking';
import { ltiErrorPage } from '$lib/server/lti/errors';
import type { RequestHandler } from './$types';

/** The platform's form post of the id_token and state (LTI 1.3 Core §5.1.2): validate, sign in, land. */
export const POST: RequestHandler = async ({ request, cookies, url, locals }) => {
	const form = await request.formData();
	const field = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value.length <= 20_000 ? value : null;
	};
	const state = field('state');
	const database = await db();
	const launch = await validateLaunch(database, {
		idToken: field('id_token'),
		state,
		cookieState: state && cookies.get(`${STATE_COOKIE_PREFIX}${state}`) ? state : undefined
	});
	if (state) cookies.delete(`${STATE_COOKIE_PREFIX}${state}`, { path: '/lti/launch', sameSite: 'none', secure: true, httpOnly: true });
	if (!launch.ok) {
		logEvent('lti.launch.refused', { reason: launch.error }, 'warn');
		return ltiErrorPage(401, launch.error);
	}
	const deepLinking = launch.messageType === MESSAGE.deepLinkingRequest;
	const settings = deepLinking ? deepLinkSettings(launch) : null;
	if (deepLinking && !settings) return ltiErrorPage(400, m.lti_error_bad_request());
	if (deepLinking && launchRole(launch) !== 'instructor') return ltiErrorPage(403, m.lti_error_not_instructor());
	// A launch is a sign-in: the session is made with the account, and whoever was signed in in this browser before is signed out.
	const token = generateSessionToken();
	const session = passwordSession(token);
	const provisioned = await provisionLaunch(database, course, launch, url.origin, { session, replaces: locals.session?.id ?? null });
	setSessionCookie(cookies, token, session);
	setLocaleCookie(cookies, asLocale(provisioned.user.locale));
	logEvent('lti.launch', { userId: provisioned.user.id, platformId: launch.platform.id, role: provisioned.role, messageType: launch.messageType });
	if (settings) redirect(303, `/lti/deep-link?ticket=${encodeURIComponent(await signTicket(database, provisioned.user.id, settings))}`);
	redirect(303, provisioned.landing);
};
