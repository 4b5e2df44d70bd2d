import { PASSWORD, goto, hasJs, mailsTo, register, submitRegistration, uniqueEmail, waitForMail } from './helpers';
import { expect, test } from '@playwright/test';
import { SESSION_COOKIE_PRODUCTION } from '../../src/lib/server/auth/cookies';

test('health, security headers and the cross-site form check', async ({ request, baseURL }) => {
	const health = await request.get('/healthz');
	expect(health.status()).toBe(200);
	expect(await health.json()).toMatchObject({ status: 'ok', database: { ok: true } });

	const page = await request.get('/login');
	const headers = page.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-/);
	expect(headers['content-security-policy']).not.toContain("'unsafe-inline'");
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');

	for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'TEXT/PLAIN']) {
		const forged = await request.post('/login', {
			headers: { origin: 'https://evil.example', 'content-type': type, accept: 'text/html' },
			data: 'email=a&password=b'
		});
		expect(forged.status(), type).toBe(403);
	}
	const same = await request.post('/login', {
		headers: { origin: baseURL ?? '', accept: 'text/html' },
		form: { email: 'niemand@example.nl', password: 'verkeerd-wachtwoord' }
	});
	expect(same.status()).toBe(400);
	expect(await same.text()).toContain('horen niet bij elkaar');
});

test('the session cookie is __Host-session: HttpOnly, SameSite=Lax, Secure, Path=/, a browser-session cookie', async ({ page }) => {
	await register(page, `cookie-${Date.now()}@example.nl`, 'Koekje');
	const session = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_PRODUCTION);
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true, path: '/', expires: -1 });
	expect(session?.value).toMatch(/^[a-z2-7]{32}$/);

	// Logging out deletes the session server-side: replaying the old cookie gets nothing.
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await page.context().addCookies([{ ...session!, expires: -1 }]);
	await goto(page, '/dashboard');
	await expect(page).toHaveURL(/\/login/);
});

test('"remember me" makes the cookie last 30 days; without it the cookie ends with the browser', async ({ page, browser }, testInfo) => {
	const email = uniqueEmail(testInfo, 'onthoud');
	await register(page, email, 'Onno Onthoud');

	const context = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	const remembered = await context.newPage();
	await goto(remembered, '/login');
	await remembered.getByLabel('E-mailadres').fill(email);
	await remembered.getByLabel('Wachtwoord').fill(PASSWORD);
	await remembered.getByLabel('Onthoud mij').check();
	await remembered.getByRole('button', { name: 'Inloggen' }).click();
	await expect(remembered).toHaveURL(/\/dashboard$/);
	const cookie = (await context.cookies()).find((c) => c.name === SESSION_COOKIE_PRODUCTION);
	const days = ((cookie?.expires ?? 0) * 1000 - Date.now()) / 86_400_000;
	expect(days).toBeGreaterThan(29.9);
	expect(days).toBeLessThanOrEqual(30);
	await context.close();
});

test("a weak password is refused at registration with a reason and a tip, in the learner's language", async ({ page }, testInfo) => {
	await goto(page, '/register');
	await page.getByLabel('E-mailadres').fill(uniqueEmail(testInfo, 'zwak'));
	await page.getByLabel('Naam (zoals anderen je zien)').fill('Zwakke Plek');
	await page.getByLabel('Wachtwoord').fill('wachtwoord123');
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page.getByText('Dit wachtwoord is te makkelijk te raden')).toBeVisible();
	await expect(page.getByText('een zin van een paar gewone woorden')).toBeVisible();
	await expect(page).toHaveURL(/\/register/);
});

test('registering an address that has an account gets the same answer as a new one; only the mailbox tells', async ({
	page,
	browser,
	request,
	baseURL
}, testInfo) => {
	const email = uniqueEmail(testInfo, 'bestaat');
	await register(page, email, 'Bea Bestaat');

	// In the browser: the same "check your mailbox" page as for a new address, no account named.
	const context = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	const other = await context.newPage();
	await submitRegistration(other, email, 'Iemand Anders', 'een heel andere lange zin');
	await expect(other.getByText(/bestaat al|al een account/)).toHaveCount(0);
	await context.close();
	const known = await waitForMail(email, 2);
	expect(known.subject).toBe('Je hebt al een account bij Ontroerd');
	expect(known.text).toContain(`${baseURL}/reset`);
	expect(known.text).not.toContain('/register/confirm/');

	// On the wire: status, location and body alike for a known and a new address.
	const post = (address: string) =>
		request.post('/register', {
			headers: { origin: baseURL ?? '', accept: 'text/html' },
			form: { email: address, displayName: 'Draad', password: 'een heel andere lange zin', redirectTo: '/dashboard' },
			maxRedirects: 0
		});
	const fresh = uniqueEmail(testInfo, 'vers');
	const [a, b] = [await post(email), await post(fresh)];
	expect([a.status(), a.headers()['location']]).toEqual([303, '/register/sent']);
	expect([b.status(), b.headers()['location']]).toEqual([a.status(), a.headers()['location']]);
	expect(await b.text()).toBe(await a.text());
	expect(a.headers()['set-cookie']).toBeUndefined();
	await waitForMail(fresh);
	expect(mailsTo(fresh)[0]?.subject).toBe('Bevestig je account bij Ontroerd');
});

test('re-entering the password for an export starts a new session: the old cookie no longer works', async ({ page, browser }, testInfo) => {
	const email = uniqueEmail(testInfo, 'opnieuw');
	await register(page, email, 'Rotatie');
	const before = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_PRODUCTION);

	await goto(page, '/my-data');
	await page.locator('#export').getByLabel('Je wachtwoord, ter bevestiging').fill(PASSWORD);
	const download = page.waitForEvent('download');
	await page.locator('#export').getByRole('button', { name: 'Mijn gegevens downloaden' }).click();
	await download;
	const after = (await page.context().cookies()).find((c) => c.name === SESSION_COOKIE_PRODUCTION);
	expect(after?.value).toMatch(/^[a-z2-7]{32}$/);
	expect(after?.value).not.toBe(before?.value);
	await goto(page, '/dashboard');
	await expect(page).toHaveURL(/\/dashboard$/);

	const stale = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	await stale.addCookies([{ ...before!, expires: -1 }]);
	const old = await stale.newPage();
	await goto(old, '/dashboard');
	await expect(old).toHaveURL(/\/login/);
	await stale.close();
});
