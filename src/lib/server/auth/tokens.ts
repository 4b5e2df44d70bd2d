/**
 * Single-use tokens sent by e-mail (password reset, registration, new e-mail address): 160 random
 * bits like a session token, only the SHA-256 stored, valid 30 minutes. A new token of a purpose
 * replaces the unused older ones of the same account (or, for a registration, the same address).
 */
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { authTokens, type TokenPurpose } from '../db/schema';
import { generateSessionToken, sessionIdFromToken } from './session';

export type AuthToken = typeof authTokens.$inferSelect;

export const TOKEN_LIFETIME = 30 * 60 * 1000;

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
type Runner = Db | Tx;

export type TokenRequest = { purpose: TokenPurpose; userId: string | null; email: string; data?: unknown };

/** Why a token cannot be used: never issued, used (or replaced by a newer one), or older than 30 minutes. */
export type TokenProblem = 'invalid' | 'used' | 'expired';
export type TokenLookup = { ok: true; token: AuthToken } | { ok: false; reason: TokenProblem };

export const hashToken = sessionIdFromToken;

/** Marks the unused tokens of this purpose for this account (or pending address) as used. */
export async function revokeTokens(db: Runner, purpose: TokenPurpose, owner: { userId: string | null; email?: string }, now = new Date()): Promise<void> {
	const whose = owner.userId ? eq(authTokens.userId, owner.userId) : and(isNull(authTokens.userId), eq(authTokens.email, owner.email ?? ''));
	await db
		.update(authTokens)
		.set({ usedAt: now })
		.where(and(eq(authTokens.purpose, purpose), whose, isNull(authTokens.usedAt)));
}

class DryRun extends Error {}

/**
 * Issues a token, replacing older ones; returns the token for the link. `dryRun` does the same
 * statements and rolls them back, so that an answer with nothing to issue takes as long as one with.
 */
export async function issueToken(db: Db, request: TokenRequest, { now = new Date(), dryRun = false } = {}): Promise<string> {
	const token = generateSessionToken();
	try {
		await db.transaction(async (tx) => {
			await revokeTokens(tx, request.purpose, request, now);
			await tx.insert(authTokens).values({
				id: hashToken(token),
				purpose: request.purpose,
				userId: request.userId,
				email: request.email,
				data: request.data ?? null,
				expiresAt: new Date(now.getTime() + TOKEN_LIFETIME),
				createdAt: now
			});
			if (dryRun) throw new DryRun();
		});
	} catch (e) {
		if (!(e instanceof DryRun)) throw e;
	}
	return token;
}

function problem(row: AuthToken | undefined, now: Date): TokenProblem | null {
	if (!row) return 'invalid';
	if (row.usedAt) return 'used';
	if (row.expiresAt.getTime() <= now.getTime()) return 'expired';
	return null;
}

/** Reads a token without using it (to show the page behind the link). */
export async function peekToken(db: Runner, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenLookup> {
	const [row] = await db
		.select()
		.from(authTokens)
		.where(and(eq(authTokens.id, hashToken(token)), eq(authTokens.purpose, purpose)));
	const reason = problem(row, now);
	return reason || !row ? { ok: false, reason: reason ?? 'invalid' } : { ok: true, token: row };
}

/**
 * Uses a token: one conditional update, so of two concurrent uses only one succeeds. Call it in
 * the transaction that makes the change, so that a failed change leaves the token unused.
 */
export async function consumeToken(tx: Runner, purpose: TokenPurpose, token: string, now = new Date()): Promise<TokenLookup> {
	const id = hashToken(token);
	const [row] = await tx
		.update(authTokens)
		.set({ usedAt: now })
		.where(and(eq(authTokens.id, id), eq(authTokens.purpose, purpose), isNull(authTokens.usedAt), gt(authTokens.expiresAt, now)))
		.returning();
	return row ? { ok: true, token: row } : peekToken(tx, purpose, token, now).then((seen) => (seen.ok ? { ok: false, reason: 'used' } : seen));
}
