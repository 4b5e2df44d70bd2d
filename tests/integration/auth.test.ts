import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { sessions, rateLimits } from '../../src/lib/server/db/schema';
import { changePassword, createUser, login } from '../../src/lib/server/auth/accounts';
import { RENEW_WITHIN, SESSION_LIFETIME, createSession, generateSessionToken, invalidateUserSessions, validateSessionToken } from '../../src/lib/server/auth/session';
import { accountWait, takeToken } from '../../src/lib/server/auth/throttle';

describe.each(drivers)('accounts and sessions on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('creates an account once per e-mail address, case-insensitively', async () => {
		const user = await createUser(database.db, { email: 'Anna@Example.nl', displayName: 'Anna', password: 'een lange zin als wachtwoord' });
		expect(user?.email).toBe('anna@example.nl');
		expect(user?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(await createUser(database.db, { email: 'anna@example.NL', displayName: 'Other', password: 'nog een lange zin hier' })).toBeNull();
	});

	it('logs in with the right password only, with one generic answer for everything else', async () => {
		const ok = await login(database.db, 'anna@example.nl', 'een lange zin als wachtwoord', '10.0.0.1');
		expect(ok.ok).toBe(true);
		const wrong = await login(database.db, 'anna@example.nl', 'verkeerd wachtwoord', '10.0.0.1');
		const unknown = await login(database.db, 'niemand@example.nl', 'verkeerd wachtwoord', '10.0.0.1');
		expect(wrong).toEqual({ ok: false, reason: 'invalid' });
		expect(unknown).toEqual(wrong);
	});

	it('backs off an account after repeated failures, whatever the IP, and forgets after a success', async () => {
		await createUser(database.db, { email: 'bram@example.nl', displayName: 'Bram', password: 'bram zijn lange zin' });
		for (let i = 0; i < 4; i++) await login(database.db, 'bram@example.nl', 'fout', `10.0.1.${i}`);
		expect(await accountWait(database.db, 'login:account:bram@example.nl')).toBeGreaterThan(0);
		const blocked = await login(database.db, 'bram@example.nl', 'bram zijn lange zin', '10.0.2.1');
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		await database.db.update(rateLimits).set({ blockedUntil: new Date(0) }).where(eq(rateLimits.key, 'login:account:bram@example.nl'));
		expect((await login(database.db, 'bram@example.nl', 'bram zijn lange zin', '10.0.2.1')).ok).toBe(true);
		expect(await accountWait(database.db, 'login:account:bram@example.nl')).toBe(0);
	});

	it('empties a per-IP token bucket and refills it with time', async () => {
		const bucket = { capacity: 3, refillPerSecond: 1 };
		const t0 = new Date('2026-01-01T00:00:00Z');
		const results = [];
		for (let i = 0; i < 5; i++) results.push(await takeToken(database.db, 'test:ip', bucket, t0));
		expect(results).toEqual([true, true, true, false, false]);
		expect(await takeToken(database.db, 'test:ip', bucket, new Date(t0.getTime() + 2500))).toBe(true);
	});

	it('expires, renews and ends sessions', async () => {
		const user = await createUser(database.db, { email: 'cor@example.nl', displayName: 'Cor', password: 'cor zijn lange zin' });
		if (!user) throw new Error('no user');
		const token = generateSessionToken();
		const session = await createSession(database.db, token, user.id);
		const fresh = await validateSessionToken(database.db, token);
		expect(fresh.user?.id).toBe(user.id);
		expect(fresh.renewed).toBe(false);

		const late = new Date(session.expiresAt.getTime() - RENEW_WITHIN + 1000);
		const renewed = await validateSessionToken(database.db, token, late);
		expect(renewed.renewed).toBe(true);
		expect(renewed.session?.expiresAt.getTime()).toBe(late.getTime() + SESSION_LIFETIME);

		const expired = await validateSessionToken(database.db, token, new Date(late.getTime() + SESSION_LIFETIME + 1));
		expect(expired.session).toBeNull();
		expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
	});

	it('ends every other session when the password changes, and all on "log out everywhere"', async () => {
		const user = await createUser(database.db, { email: 'dina@example.nl', displayName: 'Dina', password: 'dina haar lange zin' });
		if (!user) throw new Error('no user');
		const here = generateSessionToken();
		const there = generateSessionToken();
		await createSession(database.db, here, user.id);
		await createSession(database.db, there, user.id);
		expect(await changePassword(database.db, user.id, 'niet het wachtwoord', 'een nieuw lang wachtwoord', here)).toBe(false);
		expect(await changePassword(database.db, user.id, 'dina haar lange zin', 'een nieuw lang wachtwoord', here)).toBe(true);
		expect((await validateSessionToken(database.db, here)).user?.id).toBe(user.id);
		expect((await validateSessionToken(database.db, there)).user).toBeNull();
		expect((await login(database.db, 'dina@example.nl', 'een nieuw lang wachtwoord', '10.0.3.1')).ok).toBe(true);
		await invalidateUserSessions(database.db, user.id);
		expect((await validateSessionToken(database.db, here)).user).toBeNull();
	});
});
