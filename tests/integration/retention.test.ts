import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { authTokens, rateLimits, sessions, writeKeys } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createSession, generateSessionToken, sessionIdFromToken } from '../../src/lib/server/auth/session';
import { RETENTION, purgeExpired } from '../../src/lib/server/retention';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(drivers)('retention on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const now = new Date('2026-06-01T12:00:00Z');
	const ago = (ms: number) => new Date(now.getTime() - ms);
	const ahead = (ms: number) => new Date(now.getTime() + ms);

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('purges rows past their time and keeps rows within it, and a second run finds nothing', async () => {
		const db = database.db;
		const user = await createUser(db, { email: 'rita@example.nl', displayName: 'Rita Retentie', password: 'een lange zin voor retentie' });
		if (!user) throw new Error('no user');
		const [expired, idleButValid, remembered] = [generateSessionToken(), generateSessionToken(), generateSessionToken()];
		await createSession(db, expired, user.id, { now: ago(13 * HOUR) }); // 12-hour idle deadline passed an hour ago
		await createSession(db, idleButValid, user.id, { now: ago(11 * HOUR) });
		await createSession(db, remembered, user.id, { now: ago(20 * DAY), rememberMe: true });

		const idle = ago(RETENTION.throttleIdleHours * HOUR + 60_000);
		await db.insert(rateLimits).values([
			{ key: 'login:ip:old', tokens: 3, updatedAt: idle },
			{ key: 'login:account:blocked@example.nl', tokens: 0, failures: 12, updatedAt: idle, blockedUntil: ahead(60_000) },
			{ key: 'login:ip:recent', tokens: 3, updatedAt: ago(HOUR) }
		]);

		const grace = RETENTION.authTokenGraceHours * HOUR;
		const token = (id: string, expiresAt: Date, usedAt: Date | null = null) => ({
			id,
			purpose: 'reset' as const,
			userId: user.id,
			email: user.email,
			expiresAt,
			usedAt
		});
		await db
			.insert(authTokens)
			.values([
				token('expired-long-ago', ago(grace + 60_000)),
				token('used-long-ago', ahead(60_000), ago(grace + 60_000)),
				token('expired-recently', ago(60_000)),
				token('used-recently', ahead(60_000), ago(60_000)),
				token('open', ahead(30 * 60_000))
			]);
		await db.insert(writeKeys).values([
			{ userId: user.id, key: 'old', createdAt: ago(RETENTION.writeKeyDays * DAY + 60_000) },
			{ userId: user.id, key: 'recent', createdAt: ago(DAY) }
		]);

		expect(await purgeExpired(db, now)).toEqual({ sessions: 1, rateLimits: 1, authTokens: 2, writeKeys: 1 });

		expect((await db.select({ id: sessions.id }).from(sessions)).map((s) => s.id).sort()).toEqual(
			[sessionIdFromToken(idleButValid), sessionIdFromToken(remembered)].sort()
		);
		expect((await db.select({ key: rateLimits.key }).from(rateLimits)).map((r) => r.key).sort()).toEqual([
			'login:account:blocked@example.nl',
			'login:ip:recent'
		]);
		expect((await db.select({ id: authTokens.id }).from(authTokens)).map((t) => t.id).sort()).toEqual(['expired-recently', 'open', 'used-recently']);
		expect((await db.select({ key: writeKeys.key }).from(writeKeys)).map((w) => w.key)).toEqual(['recent']);

		expect(await purgeExpired(db, now)).toEqual({ sessions: 0, rateLimits: 0, authTokens: 0, writeKeys: 0 });
		// Ten days on, the remembered session has reached its 30 days and the blocked row is idle too.
		expect(await purgeExpired(db, new Date(now.getTime() + 10 * DAY + 60_000))).toMatchObject({ sessions: 2, rateLimits: 2, authTokens: 3, writeKeys: 1 });
	});
});
