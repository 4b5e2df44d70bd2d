/**
 * Issue 17: a learner passes the final test and fills in the evaluation, requests the certificate (a bad register
 * number is refused and what was typed stays), downloads the PDF (its text checked with pdftotext), and the
 * verification link printed under its QR code shows "valid" to a logged-out browser. The administrator revokes it
 * with the command line and the page shows "revoked" — that step needs a PostgreSQL server (DATABASE_URL, as CI
 * has): the embedded database is locked by the running app. With and without JavaScript.
 */
import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { axeCheck } from './axe';
import { goto, hasJs, login, register, uniqueEmail } from './helpers';
import { passTestAndEvaluate } from './final-test';

test('a learner gets a certificate that anyone can verify, until it is revoked', async ({ page, browser }, testInfo) => {
	const js = hasJs(testInfo);
	await register(page, uniqueEmail(testInfo, 'certificaat'), 'Anouk Deelnemer');

	// Before the test: the requirements, each still open, and no form.
	await goto(page, '/certificaat');
	await expect(page.getByRole('heading', { name: 'Certificaat', level: 1 })).toBeVisible();
	await expect(page.getByText('(nog niet gedaan)')).toHaveCount(2);
	await expect(page.getByRole('button', { name: 'Certificaat aanmaken' })).toHaveCount(0);

	await passTestAndEvaluate(page, js);
	await page.getByRole('link', { name: 'Naar je certificaat' }).click();
	await expect(page.getByText('(gedaan)')).toHaveCount(2);
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	// No post-test yet: no opt-in for rated skills, and the page says why.
	await expect(page.getByText('je hebt de nameting niet ingeleverd')).toBeVisible();
	await expect(page.getByLabel('Zet mijn beoordeelde vaardigheden in het digitale bewijs (Open Badge)')).toHaveCount(0);

	// A name the certificate's typeface cannot print: refused with the characters named, and the name typed stays.
	await page.getByLabel('Naam zoals die op het certificaat komt').fill('王小明');
	await page.getByRole('button', { name: 'Certificaat aanmaken' }).click();
	await expect(page.getByText('Deze naam bevat tekens die het certificaat niet kan afdrukken: 王 小 明.')).toBeVisible();
	await expect(page.getByLabel('Naam zoals die op het certificaat komt')).toHaveValue('王小明');

	// A BIG number must have 11 digits: refused, and the name typed stays.
	await page.getByLabel('Naam zoals die op het certificaat komt').fill('Anouk Ëlsa de Vriës');
	await page.getByLabel('Register (niet verplicht)').selectOption('BIG');
	await page.getByLabel('Registratienummer').fill('123');
	await page.getByRole('button', { name: 'Certificaat aanmaken' }).click();
	await expect(page.getByText('Dit registratienummer past niet bij het gekozen register.')).toBeVisible();
	await expect(page.getByLabel('Naam zoals die op het certificaat komt')).toHaveValue('Anouk Ëlsa de Vriës');
	await expect(page.getByLabel('Register (niet verplicht)')).toHaveValue('BIG');
	if (js) await axeCheck(page, testInfo, 'certificate-form-errors');

	await page.getByLabel('Registratienummer').fill('190 123 456 01');
	await page.getByRole('button', { name: 'Certificaat aanmaken' }).click();
	await expect(page.getByRole('heading', { name: 'Je certificaat' })).toBeVisible();
	const number = (await page.locator('.number').textContent())?.trim() ?? '';
	expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);
	await expect(page.getByText('BIG 19012345601')).toBeVisible();
	if (js) await axeCheck(page, testInfo, 'certificate-issued');

	// The PDF: every field in its text, and the verification address under the QR code.
	const downloading = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download het certificaat (pdf)' }).click();
	const file = await (await downloading).path();
	const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
	for (const expected of ['Certificaat', 'Anouk Ëlsa de Vriës', 'BIG 19012345601', 'Ontroerd: tranen in de therapiekamer', 'Gemeten studietijd', number]) {
		expect(text).toContain(expected);
	}
	const link = /(https?:\/\/\S+\/verify\/\S+)/.exec(text)?.[1] ?? '';
	expect(link).toBe(`${new URL(page.url()).origin}/verify/${number}`);

	// The credential downloads as JSON.
	const credential = await page.request.get('/certificaat/open-badge.json');
	expect(await credential.json()).toMatchObject({ type: ['VerifiableCredential', 'OpenBadgeCredential'], credentialSubject: { type: ['AchievementSubject'] } });

	// Logged out: the link shows valid, with initials and surname only.
	const stranger = await browser.newContext({ javaScriptEnabled: js, locale: 'nl-NL' });
	const visitor = await stranger.newPage();
	await visitor.goto(link);
	await expect(visitor.getByText('Status: Geldig')).toBeVisible();
	await expect(visitor.getByText('A.Ë. de Vriës')).toBeVisible();
	await expect(visitor.getByText('Anouk')).toHaveCount(0);
	await expect(visitor.getByText('19012345601')).toHaveCount(0);
	if (js) await axeCheck(visitor, testInfo, 'certificate-verify');
	const unknown = await visitor.goto('/verify/AAAA-AAAA-AAA');
	expect(unknown?.status()).toBe(404);
	await expect(visitor.getByRole('heading', { name: 'Onbekend certificaatnummer' })).toBeVisible();

	// Revoked with the command line (it needs the app's PostgreSQL: the embedded database is locked while the app runs).
	if (process.env.DATABASE_URL) {
		execFileSync('npx', ['tsx', 'scripts/admin.ts', 'revoke-certificate', '--number', number, '--reason', 'e2e'], { env: process.env, stdio: 'pipe' });
		await visitor.goto(link);
		await expect(visitor.getByText(/Status: Ingetrokken op \d+ \w+ \d{4}/)).toBeVisible();
	}
	await stranger.close();
});

/**
 * The rated skills, opt-in: the demo's trainees have a post-test rated by the calibrated demo supervisor
 * (src/lib/server/demo-growth.ts), so one of them (a different one per project, since a certificate is issued once)
 * passes the final test and asks for the certificate with the skills: the page lists them and says which ratings
 * count, and the credential holds a RubricScore result per rubric skill.
 */
test('a demo trainee with a rated post-test puts the rated skills in the credential', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	await login(page, js ? 'nieuw@demo.ontroerd.nl' : 'klaar@demo.ontroerd.nl', 'ontroerd-demo-2026');
	await expect(page).not.toHaveURL(/\/login/);
	await passTestAndEvaluate(page, js);
	await goto(page, '/certificaat');
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	await expect(page.getByText('Wat meetelt: de beoordelingen van je antwoorden op de nameting')).toBeVisible();
	await page.getByLabel('Zet mijn beoordeelde vaardigheden in het digitale bewijs (Open Badge)').check();
	await page.getByRole('button', { name: 'Certificaat aanmaken' }).click();
	await expect(page.getByRole('heading', { name: 'Je certificaat' })).toBeVisible();
	await expect(page.getByText('Beoordeelde vaardigheden', { exact: true })).toBeVisible();
	await expect(page.locator('.skills li')).toHaveCount(6);
	await expect(page.locator('.skills li').first()).toContainText(/\d,\d op een schaal van 1 tot 5/);
	if (js) await axeCheck(page, testInfo, 'certificate-issued-skills');

	const credential = (await (await page.request.get('/certificaat/open-badge.json')).json()) as {
		credentialSubject: { result: { resultDescription: string; value: string }[] };
	};
	const skills = credential.credentialSubject.result.filter((r) => r.resultDescription.includes('#skill-'));
	expect(skills).toHaveLength(6);
	for (const result of skills) expect(Number(result.value)).toBeGreaterThanOrEqual(1);
});
