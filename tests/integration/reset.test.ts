import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { timingGap } from './timing';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { authTokens, rateLimits, sessions, users } from '../../src/lib/server/db/schema';
import { createUser, setDisabled, setPassword } from '../../src/lib/server/auth/accounts';
import { login } from '../../src/lib/server/auth/login';
import { confirmRegistration, register, type PendingAccount } from '../../src/lib/server/auth/registration';
import { createSession, generateSessionToken, sessionIdFromToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { TOKEN_LIFETIME, consumeToken, hashToken, issueToken, peekToken } from '../../src/lib/server/auth/tokens';
import { requestPasswordReset, resetPassword, resetTarget } from '../../src/lib/server/auth/reset';
import { confirmEmailChange, pendingEmail, requestEmailChange } from '../../src/lib/server/auth/email-change';
import type { Mail } from '../../src/lib/server/mail';
import { hasRecentPassword } from '../../src/lib/server/policy';

const ORIGIN = 'https://ontroerd.test';

/** The token in the first link of a mail to this path ('/reset', '/register/confirm', '/account/email'). */
function linkToken(mail: Mail | null | undefined, path: string): string {
	const match = new RegExp(`${ORIGIN}${path}/([a-z2-7]+)`).exec(mail?.text ?? '');
	if (!match?.[1]) throw new Error(`no ${path} link in ${mail?.text}`);
	return match[1];
}

describe.each(drivers)('links by e-mail on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());
	const tokenRows = (email: string) => database.db.select().from(authTokens).where(eq(authTokens.email, email));

	it('keeps only the SHA-256 of a token of 160 random bits, valid for 30 minutes and once', async () => {
		const user = await createUser(database.db, { email: 'tok@example.nl', displayName: 'Tok', password: 'tok zijn lange zin' });
		if (!user) throw new Error('no user');
		const t0 = new Date();
		const token = await issueToken(database.db, { purpose: 'reset', userId: user.id, email: user.email }, { now: t0 });
		expect(token).toMatch(/^[a-z2-7]{32}$/); // 32 base32 characters = 160 bits
		const [row] = await tokenRows('tok@example.nl');
		expect(row?.id).toBe(hashToken(token));
		expect(row?.id).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(row)).not.toContain(token);
		expect(row?.expiresAt.getTime()).toBe(t0.getTime() + TOKEN_LIFETIME);
		expect(TOKEN_LIFETIME).toBe(30 * 60 * 1000);

		expect((await peekToken(database.db, 'reset', token, new Date(t0.getTime() + TOKEN_LIFETIME - 1000))).ok).toBe(true);
		expect(await consumeToken(database.db, 'reset', token, new Date(t0.getTime() + TOKEN_LIFETIME))).toEqual({ ok: false, reason: 'expired' });
		expect(await consumeToken(database.db, 'email', token, t0)).toEqual({ ok: false, reason: 'invalid' }); // another purpose
		expect(await consumeToken(database.db, 'reset', 'a'.repeat(32), t0)).toEqual({ ok: false, reason: 'invalid' });
		expect((await consumeToken(database.db, 'reset', token, t0)).ok).toBe(true);
		expect(await consumeToken(database.db, 'reset', token, t0)).toEqual({ ok: false, reason: 'used' });
	});

	it('a new token replaces the unused older ones, and a password change revokes every reset link', async () => {
		const user = await createUser(database.db, { email: 'twee@example.nl', displayName: 'Twee', password: 'twee haar lange zin' });
		if (!user) throw new Error('no user');
		const first = await issueToken(database.db, { purpose: 'reset', userId: user.id, email: user.email });
		const change = await issueToken(database.db, { purpose: 'email', userId: user.id, email: 'nieuw-twee@example.nl' });
		const second = await issueToken(database.db, { purpose: 'reset', userId: user.id, email: user.email });
		expect(await peekToken(database.db, 'reset', first)).toEqual({ ok: false, reason: 'used' });
		expect((await peekToken(database.db, 'reset', second)).ok).toBe(true);
		expect((await peekToken(database.db, 'email', change)).ok).toBe(true); // another purpose stays

		const here = generateSessionToken();
		await createSession(database.db, here, user.id);
		await setPassword(database.db, user.id, 'een nieuwe lange zin', sessionIdFromToken(here));
		expect(await peekToken(database.db, 'reset', second)).toEqual({ ok: false, reason: 'used' });
		expect(await resetPassword(database.db, second, 'nog een andere lange zin')).toEqual({ ok: false, reason: 'used' });
	});

	it('resets a password by the mailed link: once, ending every session; unknown and disabled addresses get no mail and leave nothing behind', async () => {
		const user = await createUser(database.db, { email: 'vergeten@example.nl', displayName: 'Vera', password: 'vera haar oude zin', locale: 'en' });
		if (!user) throw new Error('no user');
		const sessionsBefore = [generateSessionToken(), generateSessionToken()];
		for (const token of sessionsBefore) await createSession(database.db, token, user.id);

		const { mail } = await requestPasswordReset(database.db, ' Vergeten@Example.nl ', ORIGIN);
		expect(mail).toMatchObject({ to: 'vergeten@example.nl', subject: 'A new password for Ontroerd' }); // her language
		expect(mail?.text).toContain('Hello Vera');
		const link = linkToken(mail, '/reset');
		expect(await resetTarget(database.db, link)).toEqual({ ok: true, email: 'vergeten@example.nl', displayName: 'Vera' });

		expect(await resetPassword(database.db, link, 'vera haar nieuwe zin')).toEqual({ ok: true, userId: user.id });
		expect(await database.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
		for (const token of sessionsBefore) expect((await validateSessionToken(database.db, token)).user).toBeNull();
		expect((await login(database.db, 'vergeten@example.nl', 'vera haar nieuwe zin', '10.2.0.1')).ok).toBe(true);
		expect((await login(database.db, 'vergeten@example.nl', 'vera haar oude zin', '10.2.0.1')).ok).toBe(false);
		expect(await resetPassword(database.db, link, 'weer een andere zin')).toEqual({ ok: false, reason: 'used' });
		expect(await resetTarget(database.db, link)).toEqual({ ok: false, reason: 'used' });

		expect(await requestPasswordReset(database.db, 'niemand-hier@example.nl', ORIGIN)).toEqual({ mail: null });
		expect(await tokenRows('niemand-hier@example.nl')).toHaveLength(0);
		await createUser(database.db, { email: 'uit@example.nl', displayName: 'Uit', password: 'uit zijn lange zin' });
		await setDisabled(database.db, 'uit@example.nl', true);
		expect(await requestPasswordReset(database.db, 'uit@example.nl', ORIGIN)).toEqual({ mail: null });
		expect(await tokenRows('uit@example.nl')).toHaveLength(0);
	});

	it('sends at most 3 reset mails to one address in a row, with the same answer after that', async () => {
		await createUser(database.db, { email: 'vaak@example.nl', displayName: 'Vaak', password: 'vaak zijn lange zin' });
		const mails = [];
		for (let i = 0; i < 4; i++) mails.push((await requestPasswordReset(database.db, 'vaak@example.nl', ORIGIN)).mail);
		expect(mails.map((m) => m !== null)).toEqual([true, true, true, false]);
	});

	it('sends at most 3 registration mails to one address in a row, known or new, with the same answer after that', async () => {
		await createUser(database.db, { email: 'vaak-reg@example.nl', displayName: 'Vaak', password: 'vaak zijn lange zin' });
		for (const email of ['vaak-reg@example.nl', 'nog-vrij@example.nl']) {
			const mails = [];
			for (let i = 0; i < 4; i++) mails.push((await register(database.db, { email, displayName: 'Iemand', password: 'een rustige lange zin' }, ORIGIN)).mail);
			expect(
				mails.map((m) => m !== null),
				email
			).toEqual([true, true, true, false]);
		}
	});

	it('registers a new address only when the mailed link is followed, keeping a hash and never the password', async () => {
		const { mail } = await register(
			database.db,
			{ email: 'Nieuw@Example.nl', displayName: 'Nina', password: 'nina haar lange zin', redirectTo: '/join/abc' },
			ORIGIN
		);
		expect(mail).toMatchObject({ to: 'nieuw@example.nl', subject: 'Bevestig je account bij Ontroerd' });
		expect(await database.db.select().from(users).where(eq(users.email, 'nieuw@example.nl'))).toHaveLength(0);
		const [row] = await tokenRows('nieuw@example.nl');
		const pending = row?.data as PendingAccount;
		expect(pending).toMatchObject({ displayName: 'Nina', locale: 'nl', redirectTo: '/join/abc' });
		expect(pending.passwordHash).toMatch(/^\$argon2id\$/);
		expect(JSON.stringify(row)).not.toContain('nina haar lange zin');

		const link = linkToken(mail, '/register/confirm');
		const confirmed = await confirmRegistration(database.db, link, new Date(row!.createdAt.getTime() + 20 * 60_000));
		if (!confirmed.ok) throw new Error(`not confirmed: ${confirmed.reason}`);
		expect(confirmed).toMatchObject({ redirectTo: '/join/abc', user: { email: 'nieuw@example.nl', displayName: 'Nina', role: 'trainee' } });
		expect((await validateSessionToken(database.db, confirmed.token)).user?.email).toBe('nieuw@example.nl');
		// The password was typed at registration, 20 minutes ago: not recent enough for an export or a deletion.
		expect(confirmed.session.passwordAt).toEqual(row?.createdAt);
		expect(hasRecentPassword(confirmed.session, new Date(row!.createdAt.getTime() + 20 * 60_000))).toBe(false);
		expect((await login(database.db, 'nieuw@example.nl', 'nina haar lange zin', '10.2.1.1')).ok).toBe(true);
		expect(await confirmRegistration(database.db, link)).toEqual({ ok: false, reason: 'used' });
	});

	it('a mail to an address nobody has confirmed carries no text the requester chose', async () => {
		const planted = '=HYPERLINK("http://evil.invalid","Klik hier") www.evil.invalid';
		const onlyOurLinks = (mail: Mail | null | undefined) => {
			const text = `${mail?.subject}\n${mail?.text}`;
			expect(text).not.toMatch(/evil|HYPERLINK|Klik hier/i);
			for (const link of text.match(/\b(?:https?:\/\/|www\.)\S+/g) ?? []) expect(link.startsWith(`${ORIGIN}/`)).toBe(true);
		};
		const { mail } = await register(database.db, { email: 'vreemde@example.nl', displayName: planted, password: 'een rustige lange zin' }, ORIGIN);
		expect(mail?.to).toBe('vreemde@example.nl');
		onlyOurLinks(mail);

		const user = await createUser(database.db, { email: 'planter@example.nl', displayName: planted, password: 'planter zijn lange zin' });
		if (!user) throw new Error('no user');
		const { mails } = await requestEmailChange(database.db, user, 'andere-vreemde@example.nl', ORIGIN);
		expect(mails[0]?.to).toBe('andere-vreemde@example.nl');
		onlyOurLinks(mails[0]);
	});

	it('registering a known address changes nothing and mails its owner instead; a link for an address taken meanwhile fails', async () => {
		const owner = await createUser(database.db, { email: 'bekend@example.nl', displayName: 'Bea', password: 'bea haar lange zin', locale: 'en' });
		const { mail } = await register(database.db, { email: 'bekend@example.nl', displayName: 'Indringer', password: 'een andere lange zin' }, ORIGIN);
		expect(mail).toMatchObject({ to: 'bekend@example.nl', subject: 'You already have an Ontroerd account' });
		expect(mail?.text).toContain(`${ORIGIN}/reset`);
		expect(mail?.text).toContain(`${ORIGIN}/login`);
		expect(await tokenRows('bekend@example.nl')).toHaveLength(0);
		const [after] = await database.db.select().from(users).where(eq(users.email, 'bekend@example.nl'));
		expect(after).toEqual(owner);

		const first = await register(database.db, { email: 'dubbel@example.nl', displayName: 'Een', password: 'een eerste lange zin' }, ORIGIN);
		const second = await register(database.db, { email: 'dubbel@example.nl', displayName: 'Twee', password: 'een tweede lange zin' }, ORIGIN);
		expect(await confirmRegistration(database.db, linkToken(first.mail, '/register/confirm'))).toEqual({ ok: false, reason: 'used' }); // replaced
		const late = await register(database.db, { email: 'laat@example.nl', displayName: 'Laat', password: 'een late lange zin' }, ORIGIN);
		await createUser(database.db, { email: 'laat@example.nl', displayName: 'Snel', password: 'een snelle lange zin' });
		expect(await confirmRegistration(database.db, linkToken(late.mail, '/register/confirm'))).toEqual({ ok: false, reason: 'taken' });
		expect((await confirmRegistration(database.db, linkToken(second.mail, '/register/confirm'))).ok).toBe(true);
	});

	it('changes the e-mail address only when the link sent to the new one is followed; a taken address gets only the notice', async () => {
		const user = await createUser(database.db, { email: 'oud@example.nl', displayName: 'Otto', password: 'otto zijn lange zin' });
		await createUser(database.db, { email: 'bezet@example.nl', displayName: 'Bezet', password: 'bezet zijn lange zin' });
		if (!user) throw new Error('no user');
		const taken = await requestEmailChange(database.db, user, 'Bezet@example.nl', ORIGIN);
		expect(taken.mails.map((m) => m.to)).toEqual(['oud@example.nl']);
		expect(await tokenRows('bezet@example.nl')).toHaveLength(0);

		const { mails } = await requestEmailChange(database.db, user, 'nieuw-adres@example.nl', ORIGIN);
		expect(mails.map((m) => m.to)).toEqual(['nieuw-adres@example.nl', 'oud@example.nl']);
		expect(mails[1]?.text).toContain('nieuw-adres@example.nl');
		const link = linkToken(mails[0], '/account/email');
		expect(await pendingEmail(database.db, link)).toEqual({ ok: true, email: 'nieuw-adres@example.nl' });
		expect((await database.db.select().from(users).where(eq(users.id, user.id)))[0]?.email).toBe('oud@example.nl');
		const reset = (await requestPasswordReset(database.db, 'oud@example.nl', ORIGIN)).mail;

		expect(await confirmEmailChange(database.db, link)).toEqual({ ok: true, userId: user.id, email: 'nieuw-adres@example.nl' });
		expect((await login(database.db, 'nieuw-adres@example.nl', 'otto zijn lange zin', '10.2.2.1')).ok).toBe(true);
		expect(await confirmEmailChange(database.db, link)).toEqual({ ok: false, reason: 'used' });
		expect(await resetTarget(database.db, linkToken(reset, '/reset'))).toEqual({ ok: false, reason: 'used' }); // sent to the old address

		const again = await requestEmailChange(database.db, { ...user, email: 'nieuw-adres@example.nl' }, 'later-bezet@example.nl', ORIGIN);
		await createUser(database.db, { email: 'later-bezet@example.nl', displayName: 'Later', password: 'later zijn lange zin' });
		expect(await confirmEmailChange(database.db, linkToken(again.mails[0], '/account/email'))).toEqual({ ok: false, reason: 'taken' });
	});

	it('takes as long to register a known address as a new one (paired medians within 10 ms)', async () => {
		await createUser(database.db, { email: 'tijd-reg@example.nl', displayName: 'Tijd', password: 'tijd zijn lange zin' });
		const attempt = (email: string) => register(database.db, { email, displayName: 'Iemand', password: 'een rustige lange zin' }, ORIGIN);
		const gap = await timingGap(
			() => attempt('tijd-reg@example.nl'),
			(i) => attempt(`nieuw-${i}-${Math.random()}@example.nl`)
		);
		expect(gap).toBeLessThan(10);
	});

	it('takes as long to ask a reset for a known address as for an unknown one (paired medians within 10 ms)', async () => {
		await createUser(database.db, { email: 'tijd-reset@example.nl', displayName: 'Tijd', password: 'tijd zijn lange zin' });
		const attempt = async (email: string, mails: boolean) => {
			await database.db.delete(rateLimits); // measure the request, not the per-address cap
			const { mail } = await requestPasswordReset(database.db, email, ORIGIN);
			expect(mail !== null).toBe(mails);
		};
		const gap = await timingGap(
			() => attempt('tijd-reset@example.nl', true),
			(i) => attempt(`onbekend-reset-${i}@example.nl`, false)
		);
		expect(gap).toBeLessThan(10);
	});
});
