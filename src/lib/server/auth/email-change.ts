/**
 * Changing the e-mail address: the new address gets a confirmation link, the old one a notice, and
 * the address changes only when the link is followed. An address that already has an account gets
 * the same outward answer (the token transaction is rolled back and only the notice goes out).
 * The caller has checked a recent password (policy.hasRecentPassword).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { users } from '../db/schema';
import type { Mail } from '../mail';
import { findUserByEmail, normaliseEmail } from './accounts';
import { asLocale, emailChangeMail, emailChangeNotice } from './mails';
import type { SessionUser } from './session';
import { consumeToken, issueToken, peekToken, revokeTokens, type TokenProblem } from './tokens';

export async function requestEmailChange(db: Db, user: SessionUser, address: string, origin: string, now = new Date()): Promise<{ mails: Mail[] }> {
	const email = normaliseEmail(address);
	const taken = (await findUserByEmail(db, email)) !== undefined;
	const token = await issueToken(db, { purpose: 'email', userId: user.id, email }, { now, dryRun: taken });
	const locale = asLocale(user.locale);
	const notice = emailChangeNotice(user.email, locale, user.displayName, origin, email);
	return { mails: taken ? [notice] : [emailChangeMail(email, locale, origin, token), notice] };
}

export type EmailLink = { ok: true; email: string } | { ok: false; reason: TokenProblem };

/** The new address behind a link that is still good. */
export async function pendingEmail(db: Db, link: string, now = new Date()): Promise<EmailLink> {
	const seen = await peekToken(db, 'email', link, now);
	return seen.ok ? { ok: true, email: seen.token.email } : seen;
}

export type EmailChange = { ok: true; userId: string; email: string } | { ok: false; reason: TokenProblem | 'taken' };

/** Follows the link: the address changes, and reset and e-mail links sent before are revoked. */
export async function confirmEmailChange(db: Db, link: string, now = new Date()): Promise<EmailChange> {
	return db.transaction(async (tx): Promise<EmailChange> => {
		const used = await consumeToken(tx, 'email', link, now);
		if (!used.ok) return used;
		const { email } = used.token;
		const userId = used.token.userId ?? '';
		const [owner] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
		if (owner) return { ok: false, reason: 'taken' };
		await tx.update(users).set({ email }).where(eq(users.id, userId));
		await revokeTokens(tx, 'reset', { userId }, now);
		await revokeTokens(tx, 'email', { userId }, now);
		return { ok: true, userId, email };
	});
}
