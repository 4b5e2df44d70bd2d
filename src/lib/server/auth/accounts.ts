import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type User } from '../db/schema';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import { generateSessionToken, createSession } from './session';
import type { Session } from '../db/schema';
import type { Mail } from '../mail';
import type { Locale } from '../../paraglide/runtime';
import { alreadyRegisteredMail, asLocale, registerMail } from './mails';
import { consumeToken, issueToken, revokeTokens, type TokenProblem } from './tokens';
import {
	LOGIN_PER_IP,
	MAILS_PER_ADDRESS,
	REGISTER_PER_IP,
	accountWait,
	clearFailures,
	recordFailure,
	takeToken
} from './throttle';
import { logEvent } from '../log';

export type Role = 'trainee' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['trainee', 'supervisor', 'admin'];

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

function newUserId(): string {
	return crypto.randomUUID();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	const [user] = await db.select().from(users).where(eq(users.email, normaliseEmail(email)));
	return user;
}

export type NewAccount = {
	email: string;
	displayName: string;
	password: string;
	role?: Role;
	locale?: Locale;
};

/** Creates the account; returns null when the e-mail address is taken. */
export async function createUser(db: Db, account: NewAccount): Promise<User | null> {
	const passwordHash = await hashPassword(account.password);
	const [user] = await db
		.insert(users)
		.values({
			id: newUserId(),
			email: normaliseEmail(account.email),
			displayName: account.displayName.trim(),
			passwordHash,
			role: account.role ?? 'trainee',
			locale: account.locale ?? 'nl'
		})
		.onConflictDoNothing({ target: users.email })
		.returning();
	return user ?? null;
}

export type LoginResult =
	| { ok: true; user: User; token: string; session: Session }
	| { ok: false; reason: 'invalid' | 'throttled'; waitSeconds?: number };

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
		await db.update(users).set({ passwordHash: await hashPassword(password) }).where(eq(users.id, user.id));
	}
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id, { rememberMe });
	logEvent('login.ok', { userId: user.id, rememberMe });
	return { ok: true, user, token, session };
}

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
	| { ok: true; user: User; token: string; session: Session; redirectTo: string }
	| { ok: false; reason: TokenProblem | 'taken' };

/** Follows a registration link: the account is made and signed in, in the transaction that uses the token. */
export async function confirmRegistration(db: Db, link: string, now = new Date()): Promise<ConfirmedRegistration> {
	return db.transaction(async (tx): Promise<ConfirmedRegistration> => {
		const used = await consumeToken(tx, 'register', link, now);
		if (!used.ok) return used;
		const pending = used.token.data as PendingAccount;
		const [user] = await tx
			.insert(users)
			.values({ id: newUserId(), email: used.token.email, displayName: pending.displayName, passwordHash: pending.passwordHash, role: 'trainee', locale: pending.locale })
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

/**
 * Sets a new password and ends every session of this user but the one to keep (the current one);
 * reset links sent before are worth nothing after it.
 */
export async function setPassword(db: Db, userId: string, newPassword: string, keepSessionId: string): Promise<void> {
	const passwordHash = await hashPassword(newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
		await revokeTokens(tx, 'reset', { userId });
	});
}

/**
 * An administrator disables (or enables again) an account. Disabling ends all its sessions in the
 * same transaction; logging in then fails with the same message as a wrong password.
 */
export async function setDisabled(db: Db, email: string, disabled: boolean): Promise<boolean> {
	return db.transaction(async (tx) => {
		const rows = await tx
			.update(users)
			.set({ disabledAt: disabled ? new Date() : null })
			.where(eq(users.email, normaliseEmail(email)))
			.returning({ id: users.id });
		const user = rows[0];
		if (!user) return false;
		if (disabled) await tx.delete(sessions).where(eq(sessions.userId, user.id));
		return true;
	});
}

export async function setLocale(db: Db, userId: string, locale: Locale): Promise<void> {
	await db.update(users).set({ locale }).where(eq(users.id, userId));
}

export async function setRole(db: Db, email: string, role: Role): Promise<boolean> {
	const rows = await db
		.update(users)
		.set({ role })
		.where(eq(users.email, normaliseEmail(email)))
		.returning({ id: users.id });
	return rows.length > 0;
}
