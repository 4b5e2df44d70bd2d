/**
 * Invite codes for cohorts and groups: 160 random bits, shown once to whoever made them; only the
 * SHA-256 is stored (like session tokens). Look-ups are throttled per client IP against guessing.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { Db } from './db';
import { bucketFrom, takeToken } from './auth/throttle';

export const INVITE_DAYS = 14;
const INVITE_PER_IP = bucketFrom(process.env.RATE_LIMIT_INVITE, { capacity: 20, refillPerSecond: 0.1 });

export function hashInviteCode(code: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(code)));
}

/** A fresh code, its hash (to store) and when it stops working. */
export function newInviteCode(now = new Date()): { code: string; codeHash: string; expiresAt: Date } {
	const bytes = new Uint8Array(20);
	crypto.getRandomValues(bytes);
	const code = encodeBase32LowerCaseNoPadding(bytes);
	return { code, codeHash: hashInviteCode(code), expiresAt: new Date(now.getTime() + INVITE_DAYS * 24 * 60 * 60 * 1000) };
}

export function looksLikeInviteCode(code: string): boolean {
	return /^[a-z2-7]{32}$/.test(code);
}

/** One token from the client's invite look-up bucket (shared by cohort and group invites); false when it is empty. */
export function inviteLookupAllowed(db: Db, ip: string): Promise<boolean> {
	return takeToken(db, `invite:ip:${ip}`, INVITE_PER_IP);
}
