import { goto } from './helpers';
import { expect, test } from '@playwright/test';

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
		const forged = await request.post('/login', { headers: { origin: 'https://evil.example', 'content-type': type, accept: 'text/html' }, data: 'email=a&password=b' });
		expect(forged.status(), type).toBe(403);
	}
	const same = await request.post('/login', { headers: { origin: baseURL ?? '', accept: 'text/html' }, form: { email: 'niemand@example.nl', password: 'verkeerd-wachtwoord' } });
	expect(same.status()).toBe(400);
	expect(await same.text()).toContain('horen niet bij elkaar');
});

test('the session cookie is HttpOnly, SameSite=Lax and Secure in production', async ({ page }) => {
	await goto(page, '/register');
	await page.getByLabel('E-mailadres').fill(`cookie-${Date.now()}@example.nl`);
	await page.getByLabel('Naam (zoals anderen je zien)').fill('Koekje');
	await page.getByLabel('Wachtwoord').fill('een rustige lange zin');
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	const session = (await page.context().cookies()).find((c) => c.name === 'session');
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: true });
	expect(session?.value).toMatch(/^[a-z2-7]{32}$/);

	// Logging out deletes the session server-side: replaying the old cookie gets nothing.
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await page.context().addCookies([{ ...session!, expires: -1 }]);
	await goto(page, '/dashboard');
	await expect(page).toHaveURL(/\/login/);
});
