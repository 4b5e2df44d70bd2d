import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { PASSWORD, linkIn, uniqueEmail, waitForMail } from './helpers';
import { backoffSeconds } from '../../src/lib/server/auth/throttle';
import { freePort } from '../../scripts/lib/free-port';

/**
 * Two production servers (`node build`) on two ports against one PostgreSQL: nothing that matters
 * lives in an app process. A session made on one works on the other, the login throttle counts the
 * attempts made on both, a save through one is read through the other at once, and a discussion post
 * made through one reaches a browser connected to the other (SSE fed by LISTEN/NOTIFY).
 * Needs a PostgreSQL server (DATABASE_URL), as CI has; the embedded database is one process's alone.
 */
const url = process.env.DATABASE_URL;
test.skip(!url, 'needs DATABASE_URL (a PostgreSQL server): two instances cannot share the embedded database');

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < seconds * 1000) {
		if (await check().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`not within ${seconds} s`);
}

type Instance = { base: string; process: ChildProcess };

async function startInstance(): Promise<Instance> {
	const port = await freePort();
	// localhost, as the browser sees it: the Secure (__Host-) session cookie is accepted there over http.
	const base = `http://localhost:${port}`;
	const child = spawn('node', ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: url,
			MAIL_DIR: process.env.E2E_MAIL_DIR,
			RATE_LIMIT_LOGIN: '1000/1000',
			RATE_LIMIT_REGISTER: '1000/1000',
			RATE_LIMIT_INVITE: '1000/1000'
		},
		stdio: 'ignore'
	});
	await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, 30);
	return { base, process: child };
}

function stopInstance(instance: Instance | undefined): Promise<void> {
	const child = instance?.process;
	if (!child || child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 5_000).unref();
	});
}

const form = (base: string) => ({ origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' });

async function registerOn(page: Page, base: string, email: string, name: string): Promise<void> {
	await page.goto(`${base}/register`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Naam (zoals anderen je zien)').fill(name);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page).toHaveURL(`${base}/register/sent`);
	await page.goto(`${base}${linkIn(await waitForMail(email), '/register/confirm/')}`);
	await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await page.getByRole('button', { name: 'Account bevestigen' }).click();
	await expect(page).toHaveURL(`${base}/dashboard`);
}

async function loginOn(base: string, email: string, password: string): Promise<Response> {
	return fetch(`${base}/login`, { method: 'POST', redirect: 'manual', headers: form(base), body: new URLSearchParams({ email, password }) });
}

test.describe('two app instances on one database', () => {
	test.describe.configure({ mode: 'serial' });
	let a: Instance | undefined;
	let b: Instance | undefined;

	// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from its first parameter's destructuring; `{}` asks for none
	test.beforeAll(async ({}, testInfo) => {
		if (testInfo.project.name !== 'js') return;
		test.setTimeout(90_000);
		[a, b] = await Promise.all([startInstance(), startInstance()]);
	});

	test.afterAll(async () => {
		await Promise.all([stopInstance(a), stopInstance(b)]);
	});

	// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from its first parameter's destructuring; `{}` asks for none
	test.beforeEach(({}, testInfo) => {
		test.skip(testInfo.project.name !== 'js', 'one run is enough: this test starts its own two servers');
	});

	test('a learner logs in on one and carries on on the other with the same cookie; a reflection saved through one is read through the other', async ({
		browser
	}, testInfo) => {
		const [one, two] = [a!, b!];
		const context = await browser.newContext();
		const page = await context.newPage();
		const email = uniqueEmail(testInfo, 'twee');
		await registerOn(page, one.base, email, 'Twee Instanties');
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await expect(page).toHaveURL(/\/login$/);

		// Log in on instance one…
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await expect(page).toHaveURL(`${one.base}/dashboard`);
		const session = (await context.cookies(one.base)).find((c) => c.httpOnly && /session/.test(c.name));
		expect(session, 'an HttpOnly session cookie').toBeTruthy();

		// …and carry on on instance two: the same cookie (cookies are per host, not per port) opens the dashboard there.
		await page.goto(`${two.base}/dashboard`);
		await expect(page).toHaveURL(`${two.base}/dashboard`);
		await expect(page.getByRole('heading', { level: 1 })).toContainText('Twee Instanties');
		const direct = await fetch(`${two.base}/dashboard`, { redirect: 'manual', headers: { cookie: `${session!.name}=${session!.value}`, accept: 'text/html' } });
		expect(direct.status).toBe(200);

		// A reflection saved through instance one (autosave, with JavaScript) is there through instance two at once.
		const item = '/modules/tranen-in-de-therapiekamer/reflectie-wat-jou-raakt';
		await page.goto(`${one.base}${item}`);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const text = `Opgeslagen via de eerste instantie ${Date.now()}`;
		const reflection = page.locator('form[action="?/reflect"]').first();
		await reflection.getByLabel('Jouw reflectie').fill(text);
		await expect(reflection.getByRole('status')).toContainText('Opgeslagen om', { timeout: 10_000 });
		const other = await fetch(`${two.base}${item}`, { headers: { cookie: `${session!.name}=${session!.value}`, accept: 'text/html' } });
		expect(other.status).toBe(200);
		expect(await other.text()).toContain(text);
		await context.close();
	});

	test('the login throttle counts failed attempts made on both instances', async ({ browser }, testInfo) => {
		const [one, two] = [a!, b!];
		const page = await (await browser.newContext()).newPage();
		const email = uniqueEmail(testInfo, 'throttle');
		await registerOn(page, one.base, email, 'Te Vaak Fout');
		// Wrong passwords, alternating between the instances, up to the first failure that starts the
		// per-account back-off (the fourth, as the policy stands): neither instance alone saw that many.
		const toBlock = Array.from({ length: 20 }, (_, n) => n + 1).find((n) => backoffSeconds(n) > 0) ?? 4;
		expect(toBlock).toBeGreaterThan(1);
		for (let n = 0; n < toBlock; n++) {
			expect((await loginOn(n % 2 === 0 ? one.base : two.base, email, 'helemaal het verkeerde wachtwoord')).status).toBe(400);
		}
		// Even the right password now waits, on the second instance as on the first.
		const throttled = await loginOn(two.base, email, PASSWORD);
		expect(throttled.status).toBe(429);
		expect(await throttled.text()).toContain('Te veel pogingen');
		expect((await loginOn(one.base, email, PASSWORD)).status).toBe(429);
		// The first back-off is short (2 s as the policy stands); then the right password works.
		await waitFor(async () => (await loginOn(two.base, email, PASSWORD)).status === 303, backoffSeconds(toBlock) + 10);
	});

	test('a discussion post made through one instance appears live in a browser open on the other', async ({ browser }, testInfo) => {
		test.setTimeout(90_000);
		const [one, two] = [a!, b!];
		const fien = await (await browser.newContext()).newPage();
		const bram = await (await browser.newContext()).newPage();
		await registerOn(fien, one.base, uniqueEmail(testInfo, 'fien2'), 'Fien Eén');
		await registerOn(bram, two.base, uniqueEmail(testInfo, 'bram2'), 'Bram Twee');

		// Fien starts a group on instance one and invites; Bram joins on instance two.
		await fien.goto(`${one.base}/groups`);
		await fien.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await fien.getByLabel('Naam van de groep').fill(`Twee instanties ${Date.now()}`);
		await fien.getByRole('button', { name: 'Groep beginnen' }).click();
		await fien.waitForURL(/\/groups\/[0-9a-f-]{36}\?created=1$/);
		const groupPath = new URL(fien.url()).pathname;
		await fien.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
		const invite = await fien.getByLabel('Uitnodigingslink').inputValue();
		await bram.goto(`${two.base}${new URL(invite).pathname}`);
		await bram.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await bram.getByRole('button', { name: 'Deelnemen' }).click();
		await bram.waitForURL(new RegExp(groupPath));

		// Bram has the discussion open on instance two; Fien posts through instance one.
		await bram.goto(`${two.base}${groupPath}/discussion`);
		await bram.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		await expect(bram.getByText('Nog geen bijdragen.')).toBeVisible();
		await bram.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
		await fien.goto(`${one.base}${groupPath}/discussion`);
		await fien.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		const text = `Over de grens van één server heen ${Date.now()}`;
		await fien.locator('section.new').getByLabel('Je bijdrage').fill(text);
		await fien.locator('section.new').getByRole('button', { name: 'Plaatsen' }).click();
		await expect(fien.locator('article.post p.body').first()).toHaveText(text);

		// Live on instance two, without a reload.
		await expect(bram.locator('article.post p.body').first()).toHaveText(text, { timeout: 10_000 });
		expect(await bram.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	});
});
