/**
 * "Now" for the practice schedule. In production it is the server's clock. The end-to-end tests must see a drill
 * come back as due days later, so a test server (and only one started with PRACTICE_CLOCK_HOOK=1, which
 * playwright.config.ts sets) reads a shift in days from the `practice-clock-days` cookie. A normal start never
 * has the variable, so the cookie is ignored there; clock.spec.ts holds that.
 */
export const CLOCK_COOKIE = 'practice-clock-days';

export function clockHookEnabled(env: Record<string, string | undefined> = process.env): boolean {
	return env.PRACTICE_CLOCK_HOOK === '1';
}

/** The schedule's now: the server's time, shifted by the cookie's days only where the hook is enabled. */
export function practiceNow(cookie: string | undefined, env: Record<string, string | undefined> = process.env, real = new Date()): Date {
	if (!clockHookEnabled(env) || !cookie || !/^\d{1,3}$/.test(cookie)) return real;
	return new Date(real.getTime() + Number(cookie) * 86_400_000);
}
