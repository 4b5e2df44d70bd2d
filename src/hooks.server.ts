import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { building, dev } from '$app/environment';
import { closeDatabase, database, db } from '$lib/server/db';
import { isDatabaseUnavailable } from '$lib/server/db/health';
import { UnsafeDurabilityError } from '$lib/server/db/server';
import { demoBanner, ensureDemo } from '$lib/server/demo';
import { course } from '$lib/server/content';
import { validateSessionToken } from '$lib/server/auth/session';
import { SESSION_COOKIE, clearSessionCookie, setSessionCookie } from '$lib/server/auth/cookies';
import { unavailablePage } from '$lib/server/unavailable';
import { compressResponse } from '$lib/server/compress';
import { errorFields, logger, requestContext, withRequestContext } from '$lib/server/log';
import { startRetentionSchedule } from '$lib/server/retention';
import { registerXapiCourse, xapiConfig } from '$lib/server/xapi/config';
import { startXapiSender } from '$lib/server/xapi/sender';
import { crossSiteFormRefused } from '$lib/server/cross-site';
import { withRequestLocale } from '$lib/server/request-locale';
// Checks TIME_ZONE at start: a misspelt zone must stop the app, not shift every due date.
import '$lib/server/time-zone';
// Checks ACCREDITATION_POINTS (and TEST_PASS_MARK) at start: a certificate must not print points nobody granted.
import '$lib/server/certificates/requirements';

export const init: ServerInit = async () => {
	// Prerendering (the benchmark's /ceiling page) starts the server at build time: no database then.
	if (building) return;
	// A half-configured LRS stops the app here, before anything is queued for it.
	xapiConfig();
	registerXapiCourse(course);
	process.once('sveltekit:shutdown', () => void closeDatabase());
	try {
		const { driver, db } = await database();
		if (driver === 'pglite') {
			await ensureDemo(db, course);
			console.log(demoBanner());
		}
	} catch (error) {
		// A server that may lose acknowledged writes is refused outright; any other trouble passes.
		if (error instanceof UnsafeDurabilityError) throw error;
		// Start anyway: pages answer 503 until the database is back.
		logger.error({ event: 'database.unavailable', ...errorFields(error) }, 'database not ready at start');
	}
	startRetentionSchedule();
	startXapiSender();
};

/** Opens the request context: a request id (also sent as X-Request-Id), the client's IP and the route. */
const logging: Handle = ({ event, resolve }) => {
	let ip: string | undefined;
	try {
		ip = event.getClientAddress();
	} catch {
		ip = undefined; // not every adapter knows it (prerendering)
	}
	const ctx = { requestId: crypto.randomUUID(), ip, route: event.route.id, method: event.request.method };
	return withRequestContext(ctx, async () => {
		const response = await resolve(event);
		response.headers.set('X-Request-Id', ctx.requestId);
		return response;
	});
};

const i18n: Handle = ({ event, resolve }) =>
	withRequestLocale(event.request, event.url, (locale) => resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) }));

const session: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	event.locals.session = null;
	event.locals.sessionToken = null;
	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const result = await validateSessionToken(await db(), token);
		if (result.session) {
			// A remembered session's cookie carries the new deadline; a browser-session cookie has none to update.
			if (result.renewed && result.session.rememberMe) setSessionCookie(event.cookies, token, result.session);
			event.locals.user = result.user;
			event.locals.session = result.session;
			event.locals.sessionToken = token;
			const ctx = requestContext();
			if (ctx) ctx.userId = result.user.id;
		} else clearSessionCookie(event.cookies);
	}
	return resolve(event);
};

/** Any failure to reach the database becomes a friendly 503, not a 500; the next request tries again. */
const availability: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		if (!isDatabaseUnavailable(error)) throw error;
		return unavailablePage(event.request);
	}
	if (response.status === 500 && event.locals.databaseDown) return unavailablePage(event.request);
	return response;
};

/** SvelteKit's cross-site form check, production only as SvelteKit's was, with the LTI entry points exempt. */
const crossSiteForms: Handle = ({ event, resolve }) => {
	if (!dev && crossSiteFormRefused(event.request, event.url))
		return new Response(`Cross-site ${event.request.method} form submissions are forbidden`, { status: 403 });
	return resolve(event);
};

const headers: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('X-Content-Type-Options', 'nosniff');
	response.headers.set('Referrer-Policy', 'same-origin');
	// A page a platform may frame (the LTI "open in a new window" page) names its framers in frame-ancestors instead.
	if (!/frame-ancestors (?!'none')/.test(response.headers.get('content-security-policy') ?? '')) response.headers.set('X-Frame-Options', 'DENY');
	// Production is served over HTTPS (behind the proxy); browsers ignore the header on plain http://localhost.
	if (!dev) response.headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
	if (event.locals.user && !response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
	return response;
};

/** Outermost, so every page and error page leaves compressed (in dev Vite's own server does not need it). */
const compression: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	return dev ? response : compressResponse(event.request, response);
};

export const handle = sequence(compression, logging, crossSiteForms, headers, availability, i18n, session);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseDown = true;
		return { message: 'Database unavailable' };
	}
	// The request id doubles as the error id the page shows, so a report can be found in the log.
	const id = requestContext()?.requestId ?? crypto.randomUUID();
	if (status >= 500) logger.error({ event: 'server.error', requestId: id, route: event.route.id, status, ...errorFields(error) }, 'unhandled error');
	return { message: 'Internal error', id };
};
