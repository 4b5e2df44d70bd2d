/**
 * Sessions as the lucia-auth.com guide builds them: a random token goes to the browser,
 * only its SHA-256 is stored; 30 days, renewed when less than 15 remain.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { sessions, users, type Session, type User } from '../db/schema';

export const SESSION_COOKIE = 'session';
const DAY = 24 * 60 * 60 * 1000;
export const SESSION_LIFETIME = 30 * DAY;
export const RENEW_WITHIN = 15 * DAY;

export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'locale'>;
export type SessionValidation =
	| { session: Session; user: SessionUser; renewed: boolean }
	| { session: null; user: null; renewed: false };

/** 20 random bytes = 160 bits, base32 so it is cookie-safe. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(db: Db, token: string, userId: string): Promise<Session> {
	const session = {
		id: sessionIdFromToken(token),
		userId,
		expiresAt: new Date(Date.now() + SESSION_LIFETIME),
		createdAt: new Date()
	};
	await db.insert(sessions).values(session);
	return session;
}

/**
 * Looks the session up by the token's hash. The lookup is an indexed equality on a hash,
 * so the token itself is never compared and its timing reveals nothing about stored ids.
 */
export async function validateSessionToken(
	db: Db,
	token: string,
	now = new Date()
): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const [row] = await db
		.select({
			session: sessions,
			user: {
				id: users.id,
				email: users.email,
				displayName: users.displayName,
				role: users.role,
				locale: users.locale,
				disabledAt: users.disabledAt
			}
		})
		.from(sessions)
		.innerJoin(users, eq(sessions.userId, users.id))
		.where(eq(sessions.id, id));
	if (!row) return { session: null, user: null, renewed: false };
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || user.disabledAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, user: null, renewed: false };
	}
	let renewed = false;
	if (now.getTime() >= session.expiresAt.getTime() - RENEW_WITHIN) {
		session.expiresAt = new Date(now.getTime() + SESSION_LIFETIME);
		await db.update(sessions).set({ expiresAt: session.expiresAt }).where(eq(sessions.id, id));
		renewed = true;
	}
	const { disabledAt: _disabled, ...sessionUser } = user;
	return { session, user: sessionUser, renewed };
}

export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Db, userId: string): Promise<void> {
	await db.delete(sessions).where(eq(sessions.userId, userId));
}
