/**
 * Sessions as the lucia-auth.com guide builds them: a random token goes to the browser, only its
 * SHA-256 is stored. A session ends after 12 hours without use, or 30 days with "remember me";
 * never later than 30 days after it was made (the absolute lifetime), whatever its use. With both at
 * 30 days a remembered session in effect lasts 30 days from login; the two are separate constants
 * so that either can change on its own.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { sessions, users, type Session, type User } from '../db/schema';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const IDLE_TIMEOUT = 12 * HOUR;
export const REMEMBERED_IDLE_TIMEOUT = 30 * DAY;
export const ABSOLUTE_LIFETIME = 30 * DAY;
/**
 * The stored deadline is pushed forward only once it has fallen this far behind, so that not every
 * request writes: a 12-hour session ends between 11 h 55 and 12 h after its last use.
 */
export const RENEW_STEP = { short: 5 * MINUTE, remembered: DAY } as const;

export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'role' | 'locale'>;
export type SessionValidation = { session: Session; user: SessionUser; renewed: boolean } | { session: null; user: null; renewed: false };
export type SessionOptions = { rememberMe?: boolean; now?: Date };

/** 20 random bytes = 160 bits, base32 so it is cookie-safe. */
export function generateSessionToken(): string {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	return encodeBase32LowerCaseNoPadding(bytes);
}

export function sessionIdFromToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** The idle deadline as of `now`, capped by the absolute lifetime. */
export function deadlineFor(session: Pick<Session, 'createdAt' | 'rememberMe'>, now: Date): Date {
	const idle = session.rememberMe ? REMEMBERED_IDLE_TIMEOUT : IDLE_TIMEOUT;
	return new Date(Math.min(now.getTime() + idle, session.createdAt.getTime() + ABSOLUTE_LIFETIME));
}

/** A session made by entering the password (login, registration, re-authentication). */
export async function createSession(
	db: Pick<Db, 'insert'>,
	token: string,
	userId: string,
	{ rememberMe = false, now = new Date() }: SessionOptions = {}
): Promise<Session> {
	const session: Session = { ...passwordSession(token, { rememberMe, now }), userId };
	await db.insert(sessions).values(session);
	return session;
}

/** The row of a session made by entering the password, but for its user: for a statement that finds or makes the user itself (an LTI launch). */
export function passwordSession(token: string, { rememberMe = false, now = new Date() }: SessionOptions = {}): Omit<Session, 'userId'> {
	const base = { createdAt: now, rememberMe };
	return { id: sessionIdFromToken(token), ...base, expiresAt: deadlineFor(base, now), passwordAt: now };
}

/**
 * A new session for a re-entered password: a fresh token (so a token seen before the check is worth
 * nothing after it) with the same "remember me"; the old session ends in the same transaction.
 */
export async function rotateSession(
	db: Db,
	old: Pick<Session, 'id' | 'userId' | 'rememberMe'>,
	now = new Date()
): Promise<{ token: string; session: Session }> {
	const token = generateSessionToken();
	let session: Session | undefined;
	await db.transaction(async (tx) => {
		await tx.delete(sessions).where(eq(sessions.id, old.id));
		session = await createSession(tx, token, old.userId, { rememberMe: old.rememberMe, now });
	});
	if (!session) throw new Error('session not rotated');
	return { token, session };
}

/**
 * Looks the session up by the token's hash. The lookup is an indexed equality on a hash,
 * so the token itself is never compared and its timing reveals nothing about stored ids.
 */
/** The one query of every request. */
const sessionLookup = prepared((db) =>
	db
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
		.where(eq(sessions.id, sql.placeholder('id')))
		.prepare('session_lookup')
);

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<SessionValidation> {
	const id = sessionIdFromToken(token);
	const [row] = await sessionLookup(db).execute({ id });
	if (!row) return { session: null, user: null, renewed: false };
	const { session, user } = row;
	if (now.getTime() >= session.expiresAt.getTime() || user.disabledAt) {
		await db.delete(sessions).where(eq(sessions.id, id));
		return { session: null, user: null, renewed: false };
	}
	let renewed = false;
	const deadline = deadlineFor(session, now);
	if (deadline.getTime() - session.expiresAt.getTime() >= (session.rememberMe ? RENEW_STEP.remembered : RENEW_STEP.short)) {
		session.expiresAt = deadline;
		await db.update(sessions).set({ expiresAt: deadline }).where(eq(sessions.id, id));
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
