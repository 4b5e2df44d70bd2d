import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { axeCheck, axeCheckWithoutScripts } from './axe';
import { goto, hasJs, register, uniqueEmail } from './helpers';

const appVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

test('the About page says who made the course, its versions, how errors are reported, and lists the literature; the glossary defines regie houden', async ({
	page
}, testInfo) => {
	await goto(page, '/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Over deze cursus' }).click();
	await expect(page).toHaveURL(/\/over$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Over deze cursus' })).toBeVisible();
	for (const heading of ['Wie de cursus maakte', 'Klinische beoordeling', 'Versie', 'Een fout melden', 'Literatuur']) {
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
	}
	// Honest about review: no named reviewer is invented.
	await expect(page.getByRole('region', { name: 'Klinische beoordeling' })).toContainText('geen klinische beoordelaar met naam vastgelegd');
	// Versions are derived: the app's from package.json, the content's a hash, with the content date.
	const version = page.getByRole('region', { name: 'Versie' });
	await expect(version.getByRole('definition').first()).toHaveText(appVersion);
	await expect(version.locator('code')).toHaveText(/^[0-9a-f]{12}$/);
	await expect(version.locator('time')).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}$/);
	// Per module, the CanMEDS roles its objectives train, as a labelled list of words.
	const canmeds = page.getByRole('region', { name: 'Leerdoelen en CanMEDS' });
	await expect(canmeds.getByRole('list', { name: 'CanMEDS-rollen' })).toHaveCount(5);
	await expect(canmeds.getByRole('term').nth(2)).toHaveText('Module 3: Je eigen tranen');
	await expect(canmeds.getByRole('list', { name: 'CanMEDS-rollen' }).nth(2)).toContainText('Kennis en wetenschap');
	// Four steps, and without CONTENT_CONTACT a place to turn to all the same.
	const errors = page.getByRole('region', { name: 'Een fout melden' });
	await expect(errors.getByRole('listitem')).toHaveCount(4);
	await expect(errors).toContainText('Voor deze installatie is geen meldadres ingesteld');
	// The literature, APA-like, with the client-perspective studies and their DOI links.
	const tritt = page.locator('#tritt2015');
	await expect(tritt).toContainText("Tritt, A., Kelly, J., & Waller, G. (2015). Patients' experiences");
	await expect(tritt.getByRole('link', { name: 'https://doi.org/10.1037/a0038711' })).toHaveAttribute('href', 'https://doi.org/10.1037/a0038711');
	await expect(page.locator('#knox2017')).toContainText('Psychotherapy, 54(3), 292–306.');

	await page.getByRole('link', { name: 'Naar de begrippenlijst' }).click();
	await expect(page).toHaveURL(/\/begrippen$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Begrippen' })).toBeVisible();
	await expect(page.locator('#regie-houden dt')).toHaveText('Regie houden');
	await expect(page.locator('#praktijkopleider dd')).toContainText('Een andere rol dan die van de supervisor');

	const english = await page.request.get('/begrippen', { headers: { cookie: 'PARAGLIDE_LOCALE=en', accept: 'text/html' } });
	expect(english.status()).toBe(200);
	const html = await english.text();
	expect(html).toContain('Staying in charge');
	expect(html).toContain('not “keeping control”');
	expect(html).toContain('<span lang="nl">Regie houden</span>');
	expect(html).toContain('<span lang="nl">Regie houden</span>');
	const aboutEn = await (await page.request.get('/over', { headers: { cookie: 'PARAGLIDE_LOCALE=en', accept: 'text/html' } })).text();
	expect(aboutEn).toContain('About this course');
	expect(aboutEn).toContain('No named clinical reviewer is recorded');

	if (hasJs(testInfo)) {
		for (const [url, name] of [
			['/over', 'about'],
			['/begrippen', 'glossary']
		] as const) {
			for (const width of [1280, 390]) {
				await page.setViewportSize({ width, height: 800 });
				await goto(page, url);
				await axeCheck(page, testInfo, `${name}-${width}`);
				expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
			}
			await axeCheckWithoutScripts(page, testInfo, url, name);
		}
	}
});

test('a module page lists the CanMEDS roles of each objective as words, and module 3 holds the lesson on the client’s voice', async ({ page }, testInfo) => {
	await register(page, uniqueEmail(testInfo, 'canmeds'));
	await goto(page, '/modules/je-eigen-tranen');
	const objectives = page.getByRole('complementary', { name: 'Na deze module' }).locator('ul.objectives > li');
	const count = await objectives.count();
	expect(count).toBeGreaterThanOrEqual(5);
	for (let i = 0; i < count; i++) {
		const roles = objectives.nth(i).getByRole('list', { name: 'CanMEDS-rollen' });
		expect(await roles.getByRole('listitem').count()).toBeGreaterThan(0);
	}
	await expect(objectives.last().getByRole('list', { name: 'CanMEDS-rollen' })).toHaveText(/Kennis en wetenschap\s*Communicatie/);
	await expect(page.getByRole('link', { name: 'Wat is CanMEDS?' })).toHaveAttribute('href', '/begrippen#canmeds');

	await page.getByRole('link', { name: 'De stem van de cliënt' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'De stem van de cliënt' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: 'Wat we niet weten' })).toBeVisible();
	await expect(page.getByRole('link', { name: /Tritt et al\., 2015/ }).first()).toHaveAttribute('href', '/bronnen#tritt2015');

	if (hasJs(testInfo)) {
		await page.setViewportSize({ width: 390, height: 800 });
		await goto(page, '/modules/je-eigen-tranen');
		await axeCheck(page, testInfo, 'module-roles-390');
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	}
});
