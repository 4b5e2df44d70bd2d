import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { timingGap } from './timing';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { sessions, rateLimits, users } from '../../src/lib/server/db/schema';
import { createUser, setDisabled, setPassword } from '../../src/lib/server/auth/accounts';
import { login } from '../../src/lib/server/auth/login';
import {
	ABSOLUTE_LIFETIME,
	IDLE_TIMEOUT,
	REMEMBERED_IDLE_TIMEOUT,
	RENEW_STEP,
	createSession,
	generateSessionToken,
	invalidateUserSessions,
	sessionIdFromToken,
	validateSessionToken
} from '../../src/lib/server/auth/session';
import { hash } from '@node-rs/argon2';
import { reauthenticate } from '../../src/lib/server/account/confirm';
import { RECENT_PASSWORD_WINDOW, hasRecentPassword } from '../../src/lib/server/policy';
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
		await database.db
			.update(rateLimits)
			.set({ blockedUntil: new Date(0) })
			.where(eq(rateLimits.key, 'login:account:bram@example.nl'));
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

		const later = new Date(session.createdAt.getTime() + RENEW_STEP.short);
		const renewed = await validateSessionToken(database.db, token, later);
		expect(renewed.renewed).toBe(true);
		expect(renewed.session?.expiresAt.getTime()).toBe(later.getTime() + IDLE_TIMEOUT);

		const expired = await validateSessionToken(database.db, token, new Date(renewed.session!.expiresAt.getTime() + 1));
		expect(expired.session).toBeNull();
		expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
	});

	it('ends a session without "remember me" after 12 hours of inactivity, and keeps a used one going', async () => {
		const user = await createUser(database.db, { email: 'idle@example.nl', displayName: 'Ida', password: 'ida haar lange zin' });
		if (!user) throw new Error('no user');
		const t0 = new Date();
		const idle = generateSessionToken();
		const created = await createSession(database.db, idle, user.id, { now: t0 });
		expect(created.rememberMe).toBe(false);
		expect(created.expiresAt.getTime()).toBe(t0.getTime() + IDLE_TIMEOUT);
		expect((await validateSessionToken(database.db, idle, new Date(t0.getTime() + IDLE_TIMEOUT - 1000))).user?.id).toBe(user.id);
		// That request pushed the deadline forward; 12 hours of silence after it ends the session.
		const lastUse = new Date(t0.getTime() + IDLE_TIMEOUT - 1000);
		expect((await validateSessionToken(database.db, idle, new Date(lastUse.getTime() + IDLE_TIMEOUT - RENEW_STEP.short))).user).not.toBeNull();
		const quiet = generateSessionToken();
		await createSession(database.db, quiet, user.id, { now: t0 });
		expect((await validateSessionToken(database.db, quiet, new Date(t0.getTime() + IDLE_TIMEOUT))).user).toBeNull();
	});

	it('ends every session 30 days after login, however much it is used, with or without "remember me"', async () => {
		const user = await createUser(database.db, { email: 'abs@example.nl', displayName: 'Abe', password: 'abe zijn lange zin' });
		if (!user) throw new Error('no user');
		const t0 = new Date();
		for (const rememberMe of [true, false]) {
			const token = generateSessionToken();
			await createSession(database.db, token, user.id, { rememberMe, now: t0 });
			// Used every 11 hours: never idle for long, yet it ends at the 30-day mark.
			let at = t0.getTime();
			while (at + 11 * 3600_000 < t0.getTime() + ABSOLUTE_LIFETIME) {
				at += 11 * 3600_000;
				const seen = await validateSessionToken(database.db, token, new Date(at));
				expect(seen.user?.id, `${rememberMe} at ${at - t0.getTime()}`).toBe(user.id);
				expect(seen.session!.expiresAt.getTime()).toBeLessThanOrEqual(t0.getTime() + ABSOLUTE_LIFETIME);
			}
			expect((await validateSessionToken(database.db, token, new Date(t0.getTime() + ABSOLUTE_LIFETIME))).user).toBeNull();
		}
	});

	it('remembers a login for 30 days only when asked', async () => {
		await createUser(database.db, { email: 'rem@example.nl', displayName: 'Rem', password: 'rem zijn lange zin' });
		const plain = await login(database.db, 'rem@example.nl', 'rem zijn lange zin', '10.0.5.1');
		const remembered = await login(database.db, 'rem@example.nl', 'rem zijn lange zin', '10.0.5.1', true);
		if (!plain.ok || !remembered.ok) throw new Error('no login');
		expect(plain.session).toMatchObject({ rememberMe: false });
		expect(plain.session.expiresAt.getTime() - plain.session.createdAt.getTime()).toBe(IDLE_TIMEOUT);
		expect(remembered.session).toMatchObject({ rememberMe: true });
		expect(remembered.session.expiresAt.getTime() - remembered.session.createdAt.getTime()).toBe(REMEMBERED_IDLE_TIMEOUT);
		// Idle for 13 hours: only the remembered one is still there.
		const later = new Date(Date.now() + 13 * 3600_000);
		expect((await validateSessionToken(database.db, plain.token, later)).user).toBeNull();
		expect((await validateSessionToken(database.db, remembered.token, later)).user).not.toBeNull();
	});

	it('asks for a password entered in the last 10 minutes, and a re-entered password starts a new session', async () => {
		const user = await createUser(database.db, { email: 'reauth@example.nl', displayName: 'Rea', password: 'rea haar lange zin' });
		if (!user) throw new Error('no user');
		const signedIn = await login(database.db, 'reauth@example.nl', 'rea haar lange zin', '10.0.6.1', true);
		if (!signedIn.ok) throw new Error('no login');
		const { session, token } = signedIn;
		expect(hasRecentPassword(session)).toBe(true); // the login counts
		const stale = new Date(session.passwordAt!.getTime() + RECENT_PASSWORD_WINDOW + 1000);
		expect(hasRecentPassword(session, stale)).toBe(false);
		expect(hasRecentPassword(null)).toBe(false);

		expect(await reauthenticate(database.db, user, session, '')).toEqual({ ok: true, rotated: null });
		expect(await reauthenticate(database.db, user, session, '', stale)).toEqual({ ok: false, reason: 'needed' });
		expect(await reauthenticate(database.db, user, session, 'niet het wachtwoord', stale)).toEqual({ ok: false, reason: 'wrong' });

		const again = await reauthenticate(database.db, user, session, 'rea haar lange zin', stale);
		if (!again.ok || !again.rotated) throw new Error('not re-authenticated');
		expect(again.rotated.token).not.toBe(token);
		expect(again.rotated.session).toMatchObject({ rememberMe: true, passwordAt: stale });
		expect(hasRecentPassword(again.rotated.session, stale)).toBe(true);
		expect((await validateSessionToken(database.db, token, stale)).user).toBeNull(); // the old token is worthless
		expect((await validateSessionToken(database.db, again.rotated.token, stale)).user?.id).toBe(user.id);
	});

	it('upgrades a hash made with weaker argon2 parameters at the next login', async () => {
		const user = await createUser(database.db, { email: 'old@example.nl', displayName: 'Olde', password: 'een oude lange zin' });
		if (!user) throw new Error('no user');
		const weak = await hash('een oude lange zin', { memoryCost: 8192, timeCost: 1, parallelism: 1 });
		await database.db.update(users).set({ passwordHash: weak }).where(eq(users.id, user.id));
		expect((await login(database.db, 'old@example.nl', 'een oude lange zin', '10.0.7.1')).ok).toBe(true);
		const [after] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(after?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		const upgraded = after?.passwordHash;
		expect((await login(database.db, 'old@example.nl', 'een oude lange zin', '10.0.7.1')).ok).toBe(true);
		const [again] = await database.db.select().from(users).where(eq(users.id, user.id));
		expect(again?.passwordHash).toBe(upgraded); // current parameters: left alone
	});

	it('disabling an account ends all its sessions at once and login fails with the generic answer; enabling restores it', async () => {
		const user = await createUser(database.db, { email: 'dis@example.nl', displayName: 'Dis', password: 'dis haar lange zin' });
		if (!user) throw new Error('no user');
		const tokens = [generateSessionToken(), generateSessionToken()];
		for (const token of tokens) await createSession(database.db, token, user.id);
		expect(await setDisabled(database.db, 'DIS@example.nl', true)).toBe(true);
		expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		for (const token of tokens) expect((await validateSessionToken(database.db, token)).user).toBeNull();
		const refused = await login(database.db, 'dis@example.nl', 'dis haar lange zin', '10.0.8.1');
		const wrong = await login(database.db, 'niemand-hier@example.nl', 'dis haar lange zin', '10.0.8.1');
		expect(refused).toEqual({ ok: false, reason: 'invalid' });
		expect(refused).toEqual(wrong);
		await database.db.delete(rateLimits);
		expect(await setDisabled(database.db, 'dis@example.nl', false)).toBe(true);
		expect((await login(database.db, 'dis@example.nl', 'dis haar lange zin', '10.0.8.1')).ok).toBe(true);
		expect(await setDisabled(database.db, 'onbekend@example.nl', true)).toBe(false);
	});

	it('takes as long for an unknown e-mail address as for a known one (paired medians within 10 ms)', async () => {
		await createUser(database.db, { email: 'tijd@example.nl', displayName: 'Tijd', password: 'tijd zijn lange zin' });
		const attempt = async (email: string, i: number) => {
			await database.db.delete(rateLimits); // the password check, not the back-off (the same delete on both sides)
			expect(await login(database.db, email, 'een verkeerde lange zin', `10.1.${i % 250}.${i % 7}`)).toEqual({ ok: false, reason: 'invalid' });
		};
		expect(
			await timingGap(
				(i) => attempt('tijd@example.nl', i),
				(i) => attempt(`onbekend-${i}@example.nl`, i)
			)
		).toBeLessThan(10);
	});

	it('ends every other session when the password changes, and all on "log out everywhere"', async () => {
		const user = await createUser(database.db, { email: 'dina@example.nl', displayName: 'Dina', password: 'dina haar lange zin' });
		if (!user) throw new Error('no user');
		const here = generateSessionToken();
		const there = generateSessionToken();
		await createSession(database.db, here, user.id);
		await createSession(database.db, there, user.id);
		await setPassword(database.db, user.id, 'een nieuw lang wachtwoord', sessionIdFromToken(here));
		expect((await validateSessionToken(database.db, here)).user?.id).toBe(user.id);
		expect((await validateSessionToken(database.db, there)).user).toBeNull();
		expect((await login(database.db, 'dina@example.nl', 'een nieuw lang wachtwoord', '10.0.3.1')).ok).toBe(true);
		await invalidateUserSessions(database.db, user.id);
		expect((await validateSessionToken(database.db, here)).user).toBeNull();
	});
});
