/** Issue 15: the practice pages are axe-clean with JavaScript, as a browser without it gets them, and at 390 px. */
import { expect, test } from '@playwright/test';
import { axeCheck, axeCheckWithoutScripts } from './axe';
import { goto, register, uniqueEmail } from './helpers';

test('the practice pages are axe-clean through all five steps and the history', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	await register(page, uniqueEmail(testInfo, 'a11y-oefenen'));
	await goto(page, '/oefenen');
	await axeCheck(page, testInfo, 'practice');
	await page.locator('section.today a').first().click();
	const drill = new URL(page.url()).pathname;
	await axeCheck(page, testInfo, 'practice-drill');
	await page.getByLabel('Wat zeg je nu tegen de cliënt?').fill('Ik zie dat het je raakt.');
	await page.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
	await expect(page.locator('ul.models > li')).toHaveCount(3);
	await axeCheck(page, testInfo, 'practice-compare');
	const rate = page.locator('form[action="?/rate"]');
	for (const group of await rate.locator('fieldset.skill').all()) await group.locator('input[value="2"]').check();
	await rate.getByLabel('Te moeilijk').check();
	await rate.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('heading', { name: 'Delen' })).toBeVisible();
	await axeCheck(page, testInfo, 'practice-rated');
	await goto(page, `${drill}/geschiedenis`);
	await axeCheck(page, testInfo, 'practice-history');
	const pages: [string, string][] = [
		['practice', '/oefenen'],
		['practice-drill', drill],
		['practice-history', `${drill}/geschiedenis`]
	];
	for (const [name, url] of pages) await axeCheckWithoutScripts(page, testInfo, url, name);
});
