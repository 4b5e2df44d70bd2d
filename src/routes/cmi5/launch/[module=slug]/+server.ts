import { redirect } from '@sveltejs/kit';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { createSession, generateSessionToken, invalidateSession } from '$lib/server/auth/session';
import { setSessionCookie } from '$lib/server/auth/cookies';
import { logEvent } from '$lib/server/log';
import { acceptLaunch } from '$lib/server/xapi/cmi5';
import type { RequestHandler } from './$types';

/** An LMS's cmi5 launch of a module (cmi5 §8.1): accept it, sign the learner in, land on the module. */
export const GET: RequestHandler = async ({ params, url, cookies, locals }) => {
	const database = await db();
	const launch = await acceptLaunch(database, course, params.module, url.searchParams);
	if (!launch.ok) {
		logEvent('cmi5.launch.refused', { reason: launch.error }, 'warn');
		// A page that says what to do, in the learner's language (an endpoint's own error is JSON or a bare page).
		redirect(303, '/cmi5/refused');
	}
	// A launch is a sign-in: whoever was signed in in this browser before is signed out.
	if (locals.session) await invalidateSession(database, locals.session.id);
	const token = generateSessionToken();
	const session = await createSession(database, token, launch.user.id);
	setSessionCookie(cookies, token, session);
	logEvent('cmi5.launch', { userId: launch.user.id, moduleId: launch.moduleId });
	redirect(303, `/modules/${launch.moduleId}`);
};
