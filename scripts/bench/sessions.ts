/**
 * Sessions for the seeded learners and the supervisor, written straight into the database (a login
 * through the form per learner would measure argon2, not the pages), and the cookie that carries them.
 */
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import * as schema from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import { logIn } from '../lib/login';

export const PROBE_EMAIL = 'probe@bench.ontroerd.nl';

/** The session cookie's name as the production build sets it: one real login through the form. */
export async function sessionCookieName(db: Db, base: string, passwordHash: string, password: string, log: (text: string) => void): Promise<string> {
	await db.insert(schema.users).values({ id: crypto.randomUUID(), email: PROBE_EMAIL, displayName: 'Probe', passwordHash });
	const login = await logIn(base, PROBE_EMAIL, password);
	// The name comes from src/lib/server/auth/cookies.ts; a real login through the form confirms it.
	const seen = login.cookie?.slice(0, login.cookie.indexOf('='));
	const cookieName = seen ?? SESSION_COOKIE;
	if (seen && seen !== SESSION_COOKIE) log(`note: cookies.ts names the session cookie ${SESSION_COOKIE}, the build sets ${seen}; using ${seen}`);
	log(`session cookie: ${cookieName} (${seen ? 'confirmed by a real login' : `login answered ${login.status}; using SESSION_COOKIE from cookies.ts`})`);
	return cookieName;
}

export function sessionStore(db: Db, cookieName: string) {
	const tokens = new Map<string, string>();
	/** One session per learner, 50 at a time. */
	async function sessionsFor(ids: string[]): Promise<void> {
		for (let i = 0; i < ids.length; i += 50) {
			await Promise.all(
				ids.slice(i, i + 50).map(async (id) => {
					const token = generateSessionToken();
					// Remembered sessions renew once a day, so no renewal write lands inside a measurement.
					await createSession(db, token, id, { rememberMe: true });
					tokens.set(id, token);
				})
			);
		}
	}
	/** `count` sessions of one user (the supervisor's, shared round the connections). */
	async function sessionsOf(id: string, count: number): Promise<string[]> {
		const out: string[] = [];
		for (let i = 0; i < count; i++) {
			const token = generateSessionToken();
			await createSession(db, token, id, { rememberMe: true });
			out.push(token);
		}
		return out;
	}
	return { sessionsFor, sessionsOf, tokenOf: (id: string) => tokens.get(id)!, cookieOf: (id: string) => `${cookieName}=${tokens.get(id)}` };
}
