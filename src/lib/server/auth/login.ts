/** Logging in with e-mail address and password, under the per-IP and per-account throttles. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users, type Session, type User } from '../db/schema';
import { logEvent } from '../log';
import { findUserByEmail, normaliseEmail } from './accounts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import { createSession, generateSessionToken } from './session';
import { LOGIN_PER_IP, accountWait, clearFailures, recordFailure, takeToken } from './throttle';

export type LoginResult = { ok: true; user: User; token: string; session: Session } | { ok: false; reason: 'invalid' | 'throttled'; waitSeconds?: number };

/** The per-account back-off key: shared by login and by every "enter your password again". */
export function accountThrottleKey(email: string): string {
	return `login:account:${normaliseEmail(email)}`;
}

/**
 * One answer for an unknown address, a wrong password and a disabled account, in the same time:
 * an unknown address still costs one argon2 verification.
 */
export async function login(db: Db, email: string, password: string, ip: string, rememberMe = false): Promise<LoginResult> {
	const accountKey = accountThrottleKey(email);
	if (!(await takeToken(db, `login:ip:${ip}`, LOGIN_PER_IP))) {
		logEvent('login.failed', { reason: 'throttled-ip' }, 'warn');
		return { ok: false, reason: 'throttled', waitSeconds: 60 };
	}
	const wait = await accountWait(db, accountKey);
	if (wait > 0) {
		logEvent('login.failed', { reason: 'throttled-account', waitSeconds: wait }, 'warn');
		return { ok: false, reason: 'throttled', waitSeconds: wait };
	}

	const user = await findUserByEmail(db, email);
	const valid = user ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password).then(() => false);
	if (!user || !valid || user.disabledAt) {
		await recordFailure(db, accountKey);
		logEvent('login.failed', { userId: user?.id ?? null, reason: !user ? 'unknown' : !valid ? 'wrong-password' : 'disabled' }, 'warn');
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, accountKey);
	if (needsRehash(user.passwordHash)) {
		await db
			.update(users)
			.set({ passwordHash: await hashPassword(password) })
			.where(eq(users.id, user.id));
	}
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, { rememberMe });
	logEvent('login.ok', { userId: user.id, rememberMe });
	return { ok: true, user, token, session };
}
