/**
 * Password reset by e-mail. Asking for a link gets one answer for every address (known, unknown,
 * disabled, or out of mails for now) after the same work: the token transaction is rolled back
 * when no mail goes out. Using the link sets the password, ends every session and every other
 * reset link, in the transaction that uses the token.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users } from '../db/schema';
import type { Mail } from '../mail';
import { findUserByEmail, normaliseEmail } from './accounts';
import { asLocale, resetMail } from './mails';
import { hashPassword } from './password';
import { MAILS_PER_ADDRESS, REGISTER_PER_IP, takeToken } from './throttle';
import { consumeToken, issueToken, peekToken, revokeTokens, type TokenProblem } from './tokens';

/** Reset requests per client IP, under the registration limit (RATE_LIMIT_REGISTER). */
export async function resetAllowed(db: Db, ip: string): Promise<boolean> {
	return takeToken(db, `reset:ip:${ip}`, REGISTER_PER_IP);
}

export async function requestPasswordReset(db: Db, address: string, origin: string, now = new Date()): Promise<{ mail: Mail | null }> {
	const email = normaliseEmail(address);
	const mailable = await takeToken(db, `reset:mail:${email}`, MAILS_PER_ADDRESS, now);
	const user = await findUserByEmail(db, email);
	const sends = mailable && user !== undefined && user.disabledAt === null;
	const token = await issueToken(db, { purpose: 'reset', userId: sends ? user.id : null, email }, { now, dryRun: !sends });
	return { mail: sends ? resetMail(user.email, asLocale(user.locale), user.displayName, origin, token) : null };
}

export type ResetTarget = { ok: true; email: string; displayName: string } | { ok: false; reason: TokenProblem };

/** Whose password the link resets (for the strength check against their name and address), if it is still good. */
export async function resetTarget(db: Db, link: string, now = new Date()): Promise<ResetTarget> {
	const seen = await peekToken(db, 'reset', link, now);
	if (!seen.ok) return seen;
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.id, seen.token.userId ?? ''));
	return user && !user.disabledAt ? { ok: true, email: user.email, displayName: user.displayName } : { ok: false, reason: 'invalid' };
}

export type ResetResult = { ok: true; userId: string } | { ok: false; reason: TokenProblem };

export async function resetPassword(db: Db, link: string, newPassword: string, now = new Date()): Promise<ResetResult> {
	const passwordHash = await hashPassword(newPassword);
	return db.transaction(async (tx): Promise<ResetResult> => {
		const used = await consumeToken(tx, 'reset', link, now);
		if (!used.ok) return used;
		const userId = used.token.userId ?? '';
		const [user] = await tx
			.update(users)
			.set({ passwordHash })
			.where(and(eq(users.id, userId), isNull(users.disabledAt)))
			.returning({ id: users.id });
		if (!user) return { ok: false, reason: 'invalid' };
		await tx.delete(sessions).where(eq(sessions.userId, userId));
		await revokeTokens(tx, 'reset', { userId }, now);
		return { ok: true, userId };
	});
}
