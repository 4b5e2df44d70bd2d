/**
 * Throttling with its state in PostgreSQL, so limits hold across any number of app instances.
 * - per client IP: a token bucket (bursts allowed, sustained guessing slowed);
 * - per account: exponential back-off after repeated failures, capped so that an attacker
 *   can delay a real user by minutes at most, never lock them out.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { rateLimits } from '../db/schema';
import { logEvent } from '../log';

/** The kind of limit, without its subject: `login:account:<e-mail>` is logged as `login:account`. */
function bucketName(key: string): string {
	return key.split(':').slice(0, 2).join(':');
}

export type Bucket = { capacity: number; refillPerSecond: number };

/**
 * "capacity/perMinute" from the environment: a whole institute may sit behind one NAT address,
 * so an installation can raise these. Anything unreadable falls back to the default.
 */
export function bucketFrom(setting: string | undefined, fallback: Bucket): Bucket {
	const match = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(setting?.trim() ?? '');
	if (!match) return fallback;
	const capacity = Number(match[1]);
	const perMinute = Number(match[2]);
	return capacity > 0 && perMinute > 0 ? { capacity, refillPerSecond: perMinute / 60 } : fallback;
}

export const LOGIN_PER_IP: Bucket = bucketFrom(process.env.RATE_LIMIT_LOGIN, { capacity: 100, refillPerSecond: 1 });
export const REGISTER_PER_IP: Bucket = bucketFrom(process.env.RATE_LIMIT_REGISTER, { capacity: 20, refillPerSecond: 0.2 });
/** At most 3 mails of one kind (reset, registration) to one address, then one per 10 minutes: no one can flood a mailbox. */
export const MAILS_PER_ADDRESS: Bucket = { capacity: 3, refillPerSecond: 1 / 600 };

const FREE_FAILURES = 3;
const MAX_BACKOFF_SECONDS = 300;

/** Takes one token; one statement, atomic under concurrency. Returns false when the bucket is empty. */
export async function takeToken(db: Db, key: string, bucket: Bucket, now = new Date()): Promise<boolean> {
	const refill = sql`least(${bucket.capacity}::float8, ${rateLimits.tokens} + greatest(0, extract(epoch from (${now.toISOString()}::timestamptz - ${rateLimits.updatedAt}))) * ${bucket.refillPerSecond}::float8)`;
	const [row] = await db
		.insert(rateLimits)
		.values({ key, tokens: bucket.capacity - 1, updatedAt: now })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: { tokens: sql`greatest(-1, ${refill} - 1)`, updatedAt: now }
		})
		.returning({ tokens: rateLimits.tokens });
	const allowed = (row?.tokens ?? -1) >= 0;
	if (!allowed) logEvent('throttle.hit', { bucket: bucketName(key) }, 'warn');
	return allowed;
}

/** Seconds the account must still wait, 0 when it may try now. */
export async function accountWait(db: Db, key: string, now = new Date()): Promise<number> {
	const [row] = await db.select({ blockedUntil: rateLimits.blockedUntil }).from(rateLimits).where(eq(rateLimits.key, key));
	const until = row?.blockedUntil?.getTime() ?? 0;
	const wait = Math.max(0, Math.ceil((until - now.getTime()) / 1000));
	if (wait > 0) logEvent('throttle.hit', { bucket: bucketName(key), waitSeconds: wait }, 'warn');
	return wait;
}

export function backoffSeconds(failures: number): number {
	if (failures <= FREE_FAILURES) return 0;
	return Math.min(MAX_BACKOFF_SECONDS, 2 ** (failures - FREE_FAILURES));
}

export async function recordFailure(db: Db, key: string, now = new Date()): Promise<void> {
	const [row] = await db
		.insert(rateLimits)
		.values({ key, tokens: 0, failures: 1, updatedAt: now })
		.onConflictDoUpdate({
			target: rateLimits.key,
			set: { failures: sql`${rateLimits.failures} + 1`, updatedAt: now }
		})
		.returning({ failures: rateLimits.failures });
	const wait = backoffSeconds(row?.failures ?? 1);
	if (wait > 0) {
		await db
			.update(rateLimits)
			.set({ blockedUntil: new Date(now.getTime() + wait * 1000) })
			.where(eq(rateLimits.key, key));
	}
}

export async function clearFailures(db: Db, key: string): Promise<void> {
	await db.delete(rateLimits).where(eq(rateLimits.key, key));
}
