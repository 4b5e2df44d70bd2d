/** "Enter your password again" before an export or a deletion, under the same back-off as logging in. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { accountThrottleKey } from '../auth/accounts';
import { verifyPassword } from '../auth/password';
import { accountWait, clearFailures, recordFailure } from '../auth/throttle';

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
