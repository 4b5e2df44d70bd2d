import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type User } from '../db/schema';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password';
import { generateSessionToken, createSession, sessionIdFromToken } from './session';
import {
	LOGIN_PER_IP,
	REGISTER_PER_IP,
	accountWait,
	clearFailures,
	recordFailure,
	takeToken
} from './throttle';

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
	| { ok: true; user: User; token: string; expiresAt: Date }
	| { ok: false; reason: 'invalid' | 'throttled'; waitSeconds?: number };

/** The per-account back-off key: shared by login and by every "enter your password again". */
export function accountThrottleKey(email: string): string {
	return `login:account:${normaliseEmail(email)}`;
}

export async function login(db: Db, email: string, password: string, ip: string): Promise<LoginResult> {
	const accountKey = accountThrottleKey(email);
	if (!(await takeToken(db, `login:ip:${ip}`, LOGIN_PER_IP))) {
		return { ok: false, reason: 'throttled', waitSeconds: 60 };
	}
	const wait = await accountWait(db, accountKey);
	if (wait > 0) return { ok: false, reason: 'throttled', waitSeconds: wait };

	const user = await findUserByEmail(db, email);
	const valid = user ? await verifyPassword(user.passwordHash, password) : await burnPasswordCheck(password).then(() => false);
	if (!user || !valid || user.disabledAt) {
		await recordFailure(db, accountKey);
		return { ok: false, reason: 'invalid' };
	}
	await clearFailures(db, accountKey);
	const token = generateSessionToken();
	const session = await createSession(db, token, user.id);
	return { ok: true, user, token, expiresAt: session.expiresAt };
}

export async function registrationAllowed(db: Db, ip: string): Promise<boolean> {
	return takeToken(db, `register:ip:${ip}`, REGISTER_PER_IP);
}

/** Changes the password and ends every other session of this user; the current one stays. */
export async function changePassword(
	db: Db,
	userId: string,
	currentPassword: string,
	newPassword: string,
	currentToken: string
): Promise<boolean> {
	const [user] = await db.select().from(users).where(eq(users.id, userId));
	if (!user || !(await verifyPassword(user.passwordHash, currentPassword))) return false;
	const passwordHash = await hashPassword(newPassword);
	await db.transaction(async (tx) => {
		await tx.update(users).set({ passwordHash }).where(eq(users.id, userId));
		await tx
			.delete(sessions)
			.where(and(eq(sessions.userId, userId), ne(sessions.id, sessionIdFromToken(currentToken))));
	});
	return true;
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
