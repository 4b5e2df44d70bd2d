/**
 * Retention: what is purged, and after how long. The privacy page reads the same constants, so
 * what it promises is what runs. Every purge is an idempotent delete, so several app instances
 * (and `npm run admin -- purge` from cron) may run it at the same time without harm.
 */
import { and, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from './db';
import { db as appDb } from './db';
import { authTokens, rateLimits, sessions, writeKeys } from './db/schema';
import { ABSOLUTE_LIFETIME, IDLE_TIMEOUT, REMEMBERED_IDLE_TIMEOUT } from './auth/session';
import { errorFields, logEvent, logger } from './log';
import { sendMail } from './mail';
import { remindRetention } from './rating/reminders';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/** How long each kind of record is kept; in days or hours for the privacy page. */
export const RETENTION = {
	/** Sessions end after this much idleness (or with "remember me" the longer one), and never outlive the absolute lifetime; the row goes at its deadline. */
	sessionIdleHours: IDLE_TIMEOUT / HOUR,
	sessionRememberedDays: REMEMBERED_IDLE_TIMEOUT / DAY,
	sessionMaxDays: ABSOLUTE_LIFETIME / DAY,
	/** A throttle row (attempt counter per IP or per account) idle this long, and not blocking, is deleted. */
	throttleIdleHours: 24,
	/** Used or expired e-mail links are kept this long, so that a second click can say "already used". */
	authTokenGraceHours: 24,
	/** Retry keys of acknowledged saves. */
	writeKeyDays: 7,
	/** Server logs: rotated by the operator (see README), not by the app. */
	logDays: 90
} as const;

/** How often each instance purges. */
export const PURGE_INTERVAL = HOUR;

export type Purged = { sessions: number; rateLimits: number; authTokens: number; writeKeys: number };

export async function purgeExpired(db: Db, now = new Date()): Promise<Purged> {
	const before = (ms: number) => new Date(now.getTime() - ms);
	const tokenCutoff = before(RETENTION.authTokenGraceHours * HOUR);
	const [s, r, t, w] = await Promise.all([
		db.delete(sessions).where(lt(sessions.expiresAt, now)).returning({ id: sessions.id }),
		db
			.delete(rateLimits)
			.where(and(lt(rateLimits.updatedAt, before(RETENTION.throttleIdleHours * HOUR)), or(isNull(rateLimits.blockedUntil), lt(rateLimits.blockedUntil, now))))
			.returning({ key: rateLimits.key }),
		db
			.delete(authTokens)
			.where(or(and(isNotNull(authTokens.usedAt), lt(authTokens.usedAt, tokenCutoff)), lt(authTokens.expiresAt, tokenCutoff)))
			.returning({ id: authTokens.id }),
		db
			.delete(writeKeys)
			.where(lt(writeKeys.createdAt, before(RETENTION.writeKeyDays * DAY)))
			.returning({ key: writeKeys.key })
	]);
	return { sessions: s.length, rateLimits: r.length, authTokens: t.length, writeKeys: w.length };
}

type Holder = { ontroerdPurge?: NodeJS.Timeout[] };
const holder = globalThis as Holder;

/**
 * Purges a minute after start and then every PURGE_INTERVAL. The timers never keep the process
 * alive, stop at shutdown (so no purge reopens a closed database) and are started once per process.
 */
export function startRetentionSchedule(interval = PURGE_INTERVAL): void {
	if (holder.ontroerdPurge) return;
	const run = async () => {
		try {
			logEvent('retention.purged', await purgeExpired(await appDb()));
		} catch (error) {
			logger.warn({ event: 'retention.purged', failed: true, ...errorFields(error) }, 'purge failed; the next run tries again');
		}
		// Issue 16: the retention-test reminders ride on the same hourly tick.
		try {
			const origin = process.env.ORIGIN?.replace(/\/+$/, '') || `http://localhost:${process.env.PORT ?? 3000}`;
			logEvent('rating.retention_reminded', { mailed: await remindRetention(await appDb(), origin, sendMail) });
		} catch (error) {
			logger.warn({ event: 'rating.retention_reminded', failed: true, ...errorFields(error) }, 'reminders failed; the next run tries again');
		}
	};
	const timers = [setTimeout(() => void run(), 60_000).unref(), setInterval(() => void run(), interval).unref()];
	holder.ontroerdPurge = timers;
	process.once('sveltekit:shutdown', () => {
		for (const t of timers) clearTimeout(t);
	});
}
