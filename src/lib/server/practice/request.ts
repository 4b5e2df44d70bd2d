/** The practice schedule's now for the current request (see clock.ts: a test server may shift it by a cookie). */
import type { Cookies } from '@sveltejs/kit';
import { CLOCK_COOKIE, practiceNow } from './clock';

export function practiceClock(cookies: Cookies): Date {
	return practiceNow(cookies.get(CLOCK_COOKIE));
}
