/**
 * "Enter your password again" before an export, a deletion or a password change, under the same
 * back-off as logging in. A correct password starts a new session (a fresh token) whose password
 * time is now; the policy then decides whether the last password entry is recent enough.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users, type Session } from '../db/schema';
import { rotateSession, type SessionUser } from '../auth/session';
import { accountThrottleKey } from '../auth/login';
import { verifyPassword } from '../auth/password';
import { accountWait, clearFailures, recordFailure } from '../auth/throttle';
import { hasRecentPassword } from '../policy';
import { logEvent } from '../log';

export type Confirmation = { ok: true } | { ok: false; reason: 'wrong' } | { ok: false; reason: 'throttled'; waitSeconds: number };

export async function confirmPassword(db: Db, user: SessionUser, password: string): Promise<Confirmation> {
	const key = accountThrottleKey(user.email);
	const wait = await accountWait(db, key);
	if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };
	const [row] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
	if (!row || !password || !(await verifyPassword(row.passwordHash, password))) {
		await recordFailure(db, key);
		return { ok: false, reason: 'wrong' };
	}
	await clearFailures(db, key);
	return { ok: true };
}

export type Reauthentication =
	| { ok: true; rotated: { token: string; session: Session } | null }
	| { ok: false; reason: 'wrong' }
	| { ok: false; reason: 'throttled'; waitSeconds: number }
	| { ok: false; reason: 'needed' };

/**
 * The one gate before a sensitive change. A password typed now is checked (a wrong one is refused,
 * whatever came before) and rotates the session; an empty field passes only while the session's
 * last password entry is recent (hasRecentPassword). The caller sets the rotated token as the cookie.
 */
export async function reauthenticate(db: Db, user: SessionUser, session: Session, password: string, now = new Date()): Promise<Reauthentication> {
	let rotated: { token: string; session: Session } | null = null;
	if (password) {
		const confirmed = await confirmPassword(db, user, password);
		if (!confirmed.ok) {
			logEvent('reauth.failed', { userId: user.id, reason: confirmed.reason }, 'warn');
			return confirmed;
		}
		rotated = await rotateSession(db, session, now);
		logEvent('session.rotated', { userId: user.id });
	}
	if (!hasRecentPassword(rotated?.session ?? session, now)) {
		logEvent('reauth.failed', { userId: user.id, reason: 'needed' }, 'warn');
		return { ok: false, reason: 'needed' };
	}
	logEvent('reauth.ok', { userId: user.id, rotated: rotated !== null });
	return { ok: true, rotated };
}
