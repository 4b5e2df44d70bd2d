import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type User } from '../db/schema';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './password';
import { generateSessionToken, createSession, sessionIdFromToken } from './session';
import type { Session } from '../db/schema';
import {
	LOGIN_PER_IP,
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
	locale?: 'nl' | 'en';
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

export type RegistrationResult = { ok: true; user: User; token: string; session: Session } | { ok: false };

/**
 * Registration that tells as little as possible about which addresses have an account. A new
 * address gets an account and a session. A known address with that account's password is signed
 * in: the same answer as a new account (a login, under the login throttles). A known address with
 * another password gets a refusal that names no account; without e-mail to the address this is the
 * one difference left (see SECURITY.md). Both branches spend one argon2 computation.
 */
export async function register(db: Db, account: NewAccount, ip: string): Promise<RegistrationResult> {
	if (await findUserByEmail(db, account.email)) {
		const signedIn = await login(db, account.email, account.password, ip);
		return signedIn.ok ? signedIn : { ok: false };
	}
	const user = await createUser(db, account);
	if (!user) return { ok: false }; // taken at the same moment by someone else
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	return { ok: true, user, token, session };
}

export async function registrationAllowed(db: Db, ip: string): Promise<boolean> {
	return takeToken(db, `register:ip:${ip}`, REGISTER_PER_IP);
}

/** Sets a new password and ends every session of this user but the one to keep (the current one). */
export async function setPassword(db: Db, userId: string, newPassword: string, keepSessionId: string): Promise<void> {
	const passwordHash = await hashPassword(newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await tx.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)));
	});
}

/** Checks the current password, then sets the new one and ends every other session of this user. */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string,
	currentToken: string
): Promise<boolean> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
	await setPassword(db, userId, newPassword, sessionIdFromToken(currentToken));
	return true;
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

export async function setLocale(db: Db, userId: string, locale: 'nl' | 'en'): Promise<void> {
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
