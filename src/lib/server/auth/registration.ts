/** Registering: a confirmation link by mail, and the account made when it is followed. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';
import type { Mail } from '../mail';
import type { Locale } from '../../paraglide/runtime';
import { findUserByEmail, newUserId, normaliseEmail, type NewAccount } from './accounts';
import { alreadyRegisteredMail, asLocale, registerMail } from './mails';
import { hashPassword } from './password';
import { createSession, generateSessionToken } from './session';
import { MAILS_PER_ADDRESS, REGISTER_PER_IP, takeToken } from './throttle';
import { consumeToken, issueToken, type TokenProblem } from './tokens';

/** What a registration keeps until its link is followed: no user row exists before that. */
export type PendingAccount = { displayName: string; passwordHash: string; locale: Locale; redirectTo: string };

/**
 * Registration that says nothing about which addresses have an account: every address gets the
 * same answer ("check your mailbox") after the same work (one argon2 hash, one token transaction,
 * rolled back for a known address). A new address gets a confirmation link; the account is made
 * when it is followed. A known one gets a mail saying so, with links to log in or reset.
 * The caller sends the mail without waiting for it.
 */
export async function register(db: Db, account: NewAccount & { redirectTo?: string }, origin: string, now = new Date()): Promise<{ mail: Mail | null }> {
	const email = normaliseEmail(account.email);
	// Known or new, an address gets at most a few of these mails (the same work either way).
	const mailable = await takeToken(db, `register:mail:${email}`, MAILS_PER_ADDRESS, now);
	const displayName = account.displayName.trim();
	const locale = account.locale ?? 'nl';
	const pending: PendingAccount = { displayName, passwordHash: await hashPassword(account.password), locale, redirectTo: account.redirectTo ?? '/dashboard' };
	const existing = await findUserByEmail(db, email);
	const token = await issueToken(db, { purpose: 'register', userId: null, email, data: pending }, { now, dryRun: existing !== undefined });
	if (!mailable) return { mail: null };
	if (existing) return { mail: alreadyRegisteredMail(existing.email, asLocale(existing.locale), existing.displayName, origin) };
	return { mail: registerMail(email, locale, origin, token) };
}

export type ConfirmedRegistration =
	{ ok: true; user: User; token: string; session: Session; redirectTo: string } | { ok: false; reason: TokenProblem | 'taken' };

/** Follows a registration link: the account is made and signed in, in the transaction that uses the token. */
export async function confirmRegistration(db: Db, link: string, now = new Date()): Promise<ConfirmedRegistration> {
	return db.transaction(async (tx): Promise<ConfirmedRegistration> => {
		const used = await consumeToken(tx, 'register', link, now);
		if (!used.ok) return used;
		const pending = used.token.data as PendingAccount;
		const [user] = await tx
			.insert(users)
			.values({
				id: newUserId(),
				email: used.token.email,
				displayName: pending.displayName,
				passwordHash: pending.passwordHash,
				role: 'trainee',
				locale: pending.locale
			})
			.onConflictDoNothing({ target: users.email })
			.returning();
		if (!user) return { ok: false, reason: 'taken' }; // registered through another link meanwhile
		const token = generateSessionToken();
		const session = await createSession(tx, token, user.id, { now });
		// The password was typed when the form was sent, not now: "recent" for re-authentication counts from then.
		session.passwordAt = used.token.createdAt;
		await tx.update(sessions).set({ passwordAt: session.passwordAt }).where(eq(sessions.id, session.id));
		return { ok: true, user, token, session, redirectTo: pending.redirectTo };
	});
}

export async function registrationAllowed(db: Db, ip: string): Promise<boolean> {
	return takeToken(db, `register:ip:${ip}`, REGISTER_PER_IP);
}
