import type { Cookies } from '@sveltejs/kit';
import { dev } from '$app/environment';
import { SESSION_COOKIE } from './session';

/** HttpOnly, SameSite=Lax, Secure outside dev; the browser never sees more than the token. */
export function setSessionCookie(cookies: Cookies, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: !dev, path: '/', expires: expiresAt });
}

export function clearSessionCookie(cookies: Cookies): void {
	cookies.delete(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: !dev });
}

/** Paraglide's cookie; readable by its client runtime, so not HttpOnly. */
export const LOCALE_COOKIE = 'PARAGLIDE_LOCALE';
export function setLocaleCookie(cookies: Cookies, locale: 'nl' | 'en'): void {
	cookies.set(LOCALE_COOKIE, locale, { httpOnly: false, sameSite: 'lax', secure: !dev, path: '/', maxAge: 60 * 60 * 24 * 400 });
}
