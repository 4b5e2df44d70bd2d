import type { Cookies } from '@sveltejs/kit';
import type { Session } from '../db/schema';
import type { Locale } from '../../paraglide/runtime';

/**
 * Vite replaces import.meta.env in the app (dev server and build); anywhere else (the end-to-end
 * tests import the names below) it is absent, which reads as production.
 */
const dev = (import.meta.env as ImportMetaEnv | undefined)?.DEV === true;

/**
 * The session cookie's name. `__Host-` makes the browser itself insist on Secure, Path=/ and no
 * Domain, so no sibling host or plain-http page can plant or overwrite it. Browsers accept Secure
 * cookies on http://localhost, but the dev server is also reached by other names, hence the plain name there.
 */
export const SESSION_COOKIE_PRODUCTION = '__Host-session';
export const SESSION_COOKIE_DEV = 'session';
export const SESSION_COOKIE = dev ? SESSION_COOKIE_DEV : SESSION_COOKIE_PRODUCTION;

/**
 * HttpOnly, SameSite=Lax, Secure outside dev; the browser never sees more than the token.
 * Without "remember me" it is a browser-session cookie (no Expires), gone when the browser closes.
 */
export function setSessionCookie(cookies: Cookies, token: string, session: Pick<Session, 'expiresAt' | 'rememberMe'>): void {
	cookies.set(SESSION_COOKIE, token, {
		httpOnly: true,
		sameSite: 'lax',
		secure: !dev,
		path: '/',
		...(session.rememberMe ? { expires: session.expiresAt } : {})
	});
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: !dev });
}

/** After a re-entered password: the rotated session becomes this request's, and the browser's. */
export function adoptSession(cookies: Cookies, locals: App.Locals, token: string, session: Session): void {
	setSessionCookie(cookies, token, session);
	locals.session = session;
	locals.sessionToken = token;
}

/** Paraglide's cookie; readable by its client runtime, so not HttpOnly. */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
export function setLocaleCookie(cookies: Cookies, locale: Locale): void {
	cookies.set(LOCALE_COOKIE, locale, { httpOnly: false, sameSite: 'lax', secure: !dev, path: '/', maxAge: 60 * 60 * 24 * 400 });
}
