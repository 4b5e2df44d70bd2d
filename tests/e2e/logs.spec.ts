/**
 * The server's log of an end-to-end run (LOG_FILE, set in playwright.config.ts) records the
 * security events of a learner's and a supervisor's session by id — and never the reflection's
 * text, a password, an e-mail address or a session cookie.
 */
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { PASSWORD, goto, hasJs, login, logout, register, uniqueEmail, writeReflection } from './helpers';

const REFLECTION = '/modules/tranen-in-de-therapiekamer/reflectie-wat-jou-raakt';
const NEW_PASSWORD = 'een andere rustige zin voor het logboek';

type Line = Record<string, unknown> & { event?: string };

async function logLines(): Promise<{ raw: string; lines: Line[] }> {
	const file = process.env.E2E_LOG_FILE;
	if (!file) throw new Error('E2E_LOG_FILE is not set (playwright.config.ts sets it)');
	const raw = await readFile(file, 'utf8');
	return {
		raw,
		lines: raw
			.split('\n')
			.filter(Boolean)
			.map((l) => JSON.parse(l) as Line)
	};
}

async function cookieValues(...pages: Page[]): Promise<string[]> {
	const values: string[] = [];
	for (const p of pages) for (const c of await p.context().cookies()) if (c.name.includes('session')) values.push(c.value);
	return values;
}

test('the log records who did what by id, and holds no reflection text, password, address or session cookie', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const js = hasJs(testInfo);
	const marker = `LOGMARKER-${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
	const text = `Mijn vertrouwelijke tranen ${marker}`;
	const email = uniqueEmail(testInfo, 'logboek');
	const cookies = new Set<string>();
	const keep = async (...pages: Page[]) => (await cookieValues(...pages)).forEach((v) => cookies.add(v));

	// A supervisor makes a cohort and invites the learner.
	const sp = await (await browser.newContext()).newPage();
	await login(sp, SUPERVISOR_ONE, SUPERVISOR_PASSWORD);
	await expect(sp).toHaveURL(/\/dashboard$/);
	await goto(sp, '/supervisor');
	await sp.getByLabel('Naam van de groep').fill(`Logboekgroep ${Date.now()}`);
	await sp.getByRole('button', { name: 'Groep aanmaken' }).click();
	await sp.waitForURL(/\/supervisor\/cohorts\/[0-9a-f-]{36}$/);
	const cohortUrl = new URL(sp.url()).pathname;
	await sp.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	const invite = new URL(await sp.getByLabel('Uitnodigingslink').inputValue()).pathname;
	await keep(sp);

	// The learner registers through the invite, joins, and shares a reflection with the supervisor.
	const tp = await (await browser.newContext()).newPage();
	await goto(tp, invite);
	await tp.getByRole('main').getByRole('link', { name: 'Account maken' }).click();
	await tp.waitForURL(/\/register/);
	await register(tp, email, 'Lieke Logboek', invite);
	await tp.getByRole('button', { name: 'Deelnemen' }).click();
	await expect(tp.getByText('Je zit nu in de opleidingsgroep.')).toBeVisible();
	await goto(tp, REFLECTION);
	await writeReflection(tp, text, js);
	const form = tp.locator('form[action="?/reflect"]');
	const saved = js ? tp.waitForResponse((r) => r.url().includes('?/reflect') && r.request().method() === 'POST') : null;
	await form.getByLabel('Wie mag deze reflectie lezen?').selectOption({ label: 'Ik en mijn supervisor(s)' });
	if (!js) await form.getByRole('button', { name: 'Opslaan' }).click();
	else expect((await saved)?.ok()).toBe(true);
	await expect(tp.locator('.privacy')).toContainText('Jij en je supervisor(s) kunnen dit lezen');
	await keep(tp);

	// The supervisor reads it (an access-log entry); the learner tries the supervisor's page (a refusal).
	await goto(sp, cohortUrl);
	await sp.getByRole('rowheader', { name: 'Lieke Logboek' }).getByRole('link').click();
	await sp.waitForURL(/\/trainees\/[0-9a-f-]{36}$/);
	const learnerId = sp.url().split('/').pop() ?? '';
	await expect(sp.getByText(text)).toBeVisible();
	expect((await tp.request.get(cohortUrl, { headers: { accept: 'text/html' } })).status()).toBe(404);

	// A wrong password and an unknown address, from another browser.
	const stranger = await (await browser.newContext()).newPage();
	await login(stranger, email, 'niet het goede wachtwoord');
	await expect(stranger.getByRole('alert')).toBeVisible();
	await login(stranger, `niemand-${marker}@example.nl`, PASSWORD);
	await expect(stranger.getByRole('alert')).toBeVisible();
	// Guessing on: after three failures the address's back-off starts (a throttle hit).
	let throttled = false;
	for (let i = 0; i < 8 && !throttled; i++) {
		await login(stranger, `niemand-${marker}@example.nl`, `gok ${i} voor het logboek`);
		throttled = (await stranger.getByRole('alert').innerText()).includes('Te veel pogingen');
	}
	expect(throttled).toBe(true);

	// The learner changes the password (a re-authentication that rotates the session) and logs out.
	await goto(tp, '/account');
	const change = tp.locator('form[action="?/password"]');
	await change.getByLabel('Huidig wachtwoord').fill(PASSWORD);
	await change.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
	await change.getByRole('button', { name: 'Wachtwoord wijzigen' }).click();
	await expect(tp.getByRole('status').filter({ hasText: 'Je wachtwoord is gewijzigd' })).toBeVisible();
	await keep(tp, sp);
	await goto(tp, '/dashboard');
	await logout(tp);

	const { raw, lines } = await logLines();
	const mine = lines.filter((l) => l.userId === learnerId || l.learnerId === learnerId);
	const has = (event: string, fields: Record<string, unknown> = {}) =>
		expect(
			mine.some((l) => l.event === event && Object.entries(fields).every(([k, v]) => l[k] === v)),
			`${event} ${JSON.stringify(fields)}`
		).toBe(true);
	has('registration', { userId: learnerId });
	has('learner-work.read', { learnerId });
	expect(mine.find((l) => l.event === 'learner-work.read')?.what).toMatch(/^reflection:/);
	has('authz.refused', { userId: learnerId, route: '/supervisor/cohorts/[cohort=uuid]', what: 'supervisor role' });
	has('login.failed', { userId: learnerId, reason: 'wrong-password' });
	has('reauth.ok', { userId: learnerId });
	has('session.rotated', { userId: learnerId });
	has('password.changed', { userId: learnerId });
	has('logout', { userId: learnerId });
	expect(lines.some((l) => l.event === 'login.failed' && l.reason === 'unknown' && l.userId === null)).toBe(true);
	expect(lines.some((l) => l.event === 'login.ok' && typeof l.userId === 'string')).toBe(true);
	expect(lines.some((l) => l.event === 'login.failed' && l.reason === 'throttled-account')).toBe(true);
	expect(lines.some((l) => l.event === 'throttle.hit' && l.bucket === 'login:account' && Number(l.waitSeconds) > 0)).toBe(true);
	// Request-bound events carry a request id and the client's address.
	for (const l of mine) expect(l, JSON.stringify(l)).toMatchObject({ requestId: expect.any(String), ip: expect.any(String) });

	expect(cookies.size).toBeGreaterThanOrEqual(3); // the supervisor's, the learner's and the learner's rotated one
	for (const secret of [marker, text, PASSWORD, NEW_PASSWORD, SUPERVISOR_PASSWORD, email, SUPERVISOR_ONE, ...cookies]) {
		expect(raw.includes(secret), `the log contains ${secret.slice(0, 6)}…`).toBe(false);
	}
});
