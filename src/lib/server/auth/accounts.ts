/** Accounts themselves: finding and creating them, and what changes on them (password, disabled, language, role). */
import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type Role, type User } from '../db/schema';
import type { Locale } from '../../paraglide/runtime';
import { hashPassword } from './password';
import { revokeTokens } from './tokens';

export { ROLES, type Role } from '../db/schema';

export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}

export function newUserId(): string {
	return crypto.randomUUID();
}

export async function findUserByEmail(db: Db, email: string): Promise<User | undefined> {
	const [user] = await db
		.select()
		.from(users)
		.where(eq(users.email, normaliseEmail(email)));
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
