/**
 * Issue 6, "Requests and responses": no permissive CORS anywhere, HSTS in production, the non-GET
 * endpoints (the data export and, since issue 12, the study-time heartbeat) under the origin check and
 * refusing what is not a form, and no state change on GET.
 * HTTP-level checks: whether the browser runs JavaScript does not matter, so they run once.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { PASSWORD, goto, register, uniqueEmail } from './helpers';

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from its first parameter's destructuring; `{}` asks for none
test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'js', 'HTTP-level checks, the same in every browser project'));

const evil = 'https://evil.example';

test('no response grants cross-origin access, not even to a preflight', async ({ request }) => {
	for (const path of ['/', '/login', '/register', '/healthz', '/dashboard', '/my-data', '/my-data/export']) {
		for (const method of ['GET', 'OPTIONS']) {
			const response = await request.fetch(path, {
				method,
				maxRedirects: 0,
				headers: { origin: evil, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' }
			});
			const granted = Object.keys(response.headers()).filter((name) => name.startsWith('access-control-'));
			expect(granted, `${method} ${path}`).toEqual([]);
		}
	}
});

test('the production build sends HSTS for a year', async ({ request }) => {
	const response = await request.get('/login');
	expect(response.headers()['strict-transport-security']).toMatch(/^max-age=(\d+); includeSubDomains$/);
	const maxAge = Number(/max-age=(\d+)/.exec(response.headers()['strict-transport-security'] ?? '')?.[1]);
	expect(maxAge).toBeGreaterThanOrEqual(31_536_000);
});

test('the endpoints that take a body are the form-posted export and the study-time heartbeat: origin-checked, and they refuse JSON', async ({
	page,
	request,
	baseURL
}, testInfo) => {
	// Every other state change is a form action; a new +server.ts with POST/PUT/PATCH/DELETE must be added here deliberately.
	const endpoints = readdirSync('src/routes', { recursive: true, encoding: 'utf8' }).filter((f) => f.replaceAll('\\', '/').endsWith('/+server.ts'));
	const writers = endpoints.flatMap((file) =>
		[...readFileSync(`src/routes/${file}`, 'utf8').matchAll(/export (?:const|async function|function) (POST|PUT|PATCH|DELETE)\b/g)].map(
			(m) => `${m[1]} src/routes/${file.replaceAll('\\', '/')}`
		)
	);
	expect(endpoints.length).toBeGreaterThan(3);
	expect(writers.sort()).toEqual([
		'POST src/routes/lti/deep-link/response/+server.ts',
		'POST src/routes/lti/launch/+server.ts',
		'POST src/routes/lti/login/+server.ts',
		'POST src/routes/modules/[module=slug]/[item=slug]/heartbeat/+server.ts',
		'POST src/routes/my-data/export/+server.ts'
	]);
	// LTI (issue 18): a platform posts the login initiation and the launch from its own origin, so those two alone
	// take a cross-site form (src/lib/server/cross-site.ts); the launch then refuses what its state cookie and signed
	// token do not prove. The deep-linking answer is the instructor's own form: origin-checked like the rest.
	const lti = (path: string, data: string) =>
		request.post(path, { headers: { origin: evil, 'content-type': 'application/x-www-form-urlencoded' }, data, maxRedirects: 0 });
	expect((await lti('/lti/login', 'iss=https%3A%2F%2Funknown.example&login_hint=x&target_link_uri=x')).status()).toBe(400);
	expect((await lti('/lti/launch', 'id_token=x&state=y')).status()).toBe(401);
	expect((await lti('/lti/deep-link/response', 'ticket=x')).status()).toBe(403);

	await register(page, uniqueEmail(testInfo, 'endpoints'));
	for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'TEXT/PLAIN']) {
		const forged = await page.request.post('/my-data/export', {
			headers: { origin: evil, 'content-type': type },
			data: `password=${PASSWORD}`,
			maxRedirects: 0
		});
		expect(forged.status(), type).toBe(403);
	}
	const json = await page.request.post('/my-data/export', {
		headers: { origin: baseURL ?? '', 'content-type': 'application/json' },
		data: JSON.stringify({ password: PASSWORD }),
		maxRedirects: 0
	});
	expect(json.status()).toBe(400);
	expect(json.headers()['content-disposition']).toBeUndefined();

	// The heartbeat (src/lib/server/learning/study-time.ts bounds what one can add): same origin, a form
	// body, a signed-in learner, a known item and 1–30 seconds, or nothing is recorded.
	const heartbeat = '/modules/tranen-in-de-therapiekamer/hoe-vaak-therapeuten-huilen/heartbeat';
	const form = 'application/x-www-form-urlencoded';
	const beat = (path: string, headers: Record<string, string>, data: string) => page.request.post(path, { headers, data, maxRedirects: 0 });
	for (const type of [form, 'multipart/form-data; boundary=x', 'text/plain']) {
		expect((await beat(heartbeat, { origin: evil, 'content-type': type }, 'seconds=5')).status(), type).toBe(403);
	}
	expect((await beat(heartbeat, { 'content-type': form }, 'seconds=5')).status(), 'no origin').toBe(403);
	expect((await beat(heartbeat, { origin: baseURL ?? '', 'content-type': 'application/json' }, '{"seconds":5}')).status()).toBe(415);
	expect((await beat(heartbeat, { origin: baseURL ?? '', 'content-type': 'text/plain' }, 'seconds=5')).status()).toBe(415);
	for (const seconds of ['0', '31', '-5', '2.5', 'veel', '']) {
		expect((await beat(heartbeat, { origin: baseURL ?? '', 'content-type': form }, `seconds=${seconds}`)).status(), seconds).toBe(400);
	}
	expect(
		(await beat('/modules/tranen-in-de-therapiekamer/bestaat-niet/heartbeat', { origin: baseURL ?? '', 'content-type': form }, 'seconds=5')).status()
	).toBe(404);
	expect((await beat(heartbeat, { origin: baseURL ?? '', 'content-type': form }, 'seconds=5')).status()).toBe(204);
	// `request` carries no session cookie.
	expect((await request.post(heartbeat, { headers: { origin: baseURL ?? '', 'content-type': form }, data: 'seconds=5', maxRedirects: 0 })).status()).toBe(401);
});

test('a GET never changes state: not the logout, not the language', async ({ page }, testInfo) => {
	await register(page, uniqueEmail(testInfo, 'get-safe'));
	for (const path of ['/logout', '/language?locale=en', '/language?locale=en&redirectTo=/dashboard']) {
		const response = await page.request.get(path, { maxRedirects: 0 });
		expect(response.status(), path).toBe(303);
	}
	await goto(page, '/dashboard');
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
});
