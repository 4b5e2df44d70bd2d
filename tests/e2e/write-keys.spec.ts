import { expect, test } from '@playwright/test';
import { goto, hasJs, register, uniqueEmail } from './helpers';

const REFLECTION = '/modules/tranen-in-de-therapiekamer/reflectie-wat-jou-raakt';

test('a save whose answer was lost is sent again with the same key: saved once, no conflict; an edit gets a new key', async ({ page }, testInfo) => {
	test.skip(!hasJs(testInfo), 'autosave and its retries need JavaScript; without it each page render carries a new key');
	await register(page, uniqueEmail(testInfo, 'sleutel'));
	await goto(page, REFLECTION);
	const keys: string[] = [];
	let dropNext = true;
	await page.route('**/*reflect*', async (route) => {
		// The enhanced form posts multipart form data.
		keys.push(/name="writeKey"\r\n\r\n([^\r]*)/.exec(route.request().postData() ?? '')?.[1] ?? '');
		if (!dropNext) return route.continue();
		dropNext = false;
		await route.fetch(); // the server saves it; the browser never hears back
		await route.abort('connectionreset');
	});
	const form = page.locator('form[action="?/reflect"]');
	await form.getByLabel('Jouw reflectie').fill('Wat mij raakte');
	await expect(form.getByRole('alert')).toBeVisible({ timeout: 10_000 });
	await form.getByRole('button', { name: 'Opslaan' }).click();
	await expect(form.getByRole('status')).toContainText('Opgeslagen om');
	await expect(page.getByText('intussen ergens anders gewijzigd')).toHaveCount(0);
	expect(keys).toHaveLength(2);
	expect(keys[1]).toBe(keys[0]);
	expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
	await expect(form.locator('input[name="version"]')).toHaveValue('1');

	await form.getByLabel('Jouw reflectie').fill('Wat mij raakte, en meer');
	await expect(form.locator('input[name="version"]')).toHaveValue('2', { timeout: 10_000 });
	expect(keys).toHaveLength(3);
	expect(keys[2]).not.toBe(keys[0]);
	await goto(page, REFLECTION);
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue('Wat mij raakte, en meer');
	await expect(page.locator('form[action="?/reflect"] input[name="version"]')).toHaveValue('2');
});

test('an edit made after a lost save is not taken for that save: the learner sees both and keeps theirs', async ({ page }, testInfo) => {
	test.skip(!hasJs(testInfo), 'autosave and its retries need JavaScript');
	await register(page, uniqueEmail(testInfo, 'sleutel2'));
	await goto(page, REFLECTION);
	let dropNext = true;
	await page.route('**/*reflect*', async (route) => {
		if (!dropNext) return route.continue();
		dropNext = false;
		await route.fetch();
		await route.abort('connectionreset');
	});
	const form = page.locator('form[action="?/reflect"]');
	await form.getByLabel('Jouw reflectie').fill('Eerste versie');
	await expect(form.getByRole('alert')).toBeVisible({ timeout: 10_000 });
	// Reusing the lost save's key here would answer "saved" for the old text and lose this one.
	await form.getByLabel('Jouw reflectie').fill('Eerste versie, aangevuld');
	await form.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('intussen ergens anders gewijzigd')).toBeVisible({ timeout: 10_000 });
	await form.getByRole('button', { name: 'Mijn tekst bewaren' }).click();
	await expect(form.getByRole('status')).toContainText('Opgeslagen om');
	await goto(page, REFLECTION);
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue('Eerste versie, aangevuld');
});
