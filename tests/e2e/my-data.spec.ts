import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, goto, hasJs, login, register, uniqueEmail, writeReflection } from './helpers';

const REFLECTION = '/modules/tranen-in-de-therapiekamer/reflectie-wat-jou-raakt';
const SHARED_NOTE = 'Jij en je supervisor(s) kunnen dit lezen';
const PRIVATE_NOTE = 'Alleen jij ziet wat je hier schrijft';

/** Chooses who may read the reflection: saved at once with JavaScript, by the Save button without. */
async function chooseVisibility(page: Page, label: string, js: boolean) {
	const form = page.locator('form[action="?/reflect"]');
	const select = form.getByLabel('Wie mag deze reflectie lezen?');
	if (js) {
		const saved = page.waitForResponse((r) => r.url().includes('?/reflect') && r.request().method() === 'POST');
		await select.selectOption({ label });
		expect((await saved).ok()).toBe(true);
	} else {
		await select.selectOption({ label });
		await form.getByRole('button', { name: 'Opslaan' }).click();
	}
	await expect(page.locator('form[action="?/reflect"]').getByRole('status')).toContainText('Opgeslagen om');
}

test('a reflection is shared with my supervisor(s) and made private again, and the choice is kept', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	await register(page, uniqueEmail(testInfo, 'zicht'));
	await goto(page, REFLECTION);
	const select = page.getByLabel('Wie mag deze reflectie lezen?');
	await expect(select).toHaveValue('private');
	await expect(page.locator('.privacy')).toContainText(PRIVATE_NOTE);
	await writeReflection(page, 'Wat mij raakte vandaag', js);

	await chooseVisibility(page, 'Ik en mijn supervisor(s)', js);
	await expect(page.locator('.privacy')).toContainText(SHARED_NOTE);
	await goto(page, REFLECTION); // goto, not reload: a reload would post the form again
	await expect(page.getByLabel('Wie mag deze reflectie lezen?')).toHaveValue('supervisor');
	await expect(page.locator('.privacy')).toContainText(SHARED_NOTE);
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue('Wat mij raakte vandaag');

	await chooseVisibility(page, 'Alleen ik', js);
	await goto(page, REFLECTION);
	await expect(page.getByLabel('Wie mag deze reflectie lezen?')).toHaveValue('private');
	await expect(page.locator('.privacy')).toContainText(PRIVATE_NOTE);
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue('Wat mij raakte vandaag');
});

test('my data: an empty access log, an export of everything of mine, and a refused wrong password', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	const email = uniqueEmail(testInfo, 'export');
	const text = `Mijn reflectie om te bewaren ${Date.now()}`;
	await register(page, email, 'Eva Export');
	await goto(page, REFLECTION);
	await writeReflection(page, text, js);

	await page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Mijn gegevens' }).click();
	await expect(page).toHaveURL(/\/my-data$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Mijn gegevens' })).toBeVisible();
	await expect(page.getByText('Nog niemand anders heeft iets van je gelezen.')).toBeVisible();

	const exportForm = page.locator('#export');
	await exportForm.getByLabel('Je wachtwoord, ter bevestiging').fill('niet mijn wachtwoord');
	await exportForm.getByRole('button', { name: 'Mijn gegevens downloaden' }).click();
	await expect(page.getByRole('alert')).toContainText('Dat wachtwoord klopt niet, dus er is niets gedownload');
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	await page.locator('#export').getByLabel('Je wachtwoord, ter bevestiging').fill(PASSWORD);
	const download = page.waitForEvent('download');
	await page.locator('#export').getByRole('button', { name: 'Mijn gegevens downloaden' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^ontroerd-gegevens-\d{4}-\d{2}-\d{2}\.json$/);
	const raw = await readFile((await file.path()) ?? '', 'utf8');
	const data = JSON.parse(raw);
	expect(data.account).toMatchObject({ email, displayName: 'Eva Export' });
	expect(data.reflections).toEqual([expect.objectContaining({ body: text, visibility: 'private' })]);
	expect(raw).not.toMatch(/argon2|password/i);
});

test('deleting my account asks for the password, logs me out everywhere and I cannot log in again', async ({ page, browser }, testInfo) => {
	const email = uniqueEmail(testInfo, 'weg');
	await register(page, email);
	const elsewhere = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	const other = await elsewhere.newPage();
	await login(other, email);
	await expect(other).toHaveURL(/\/dashboard$/);

	await goto(page, '/my-data');
	const form = () => page.locator('#delete');
	await form().getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(form().getByText('Vink aan dat je je account echt wilt verwijderen.')).toBeVisible();

	await form().getByLabel('Ja, verwijder mijn account en al mijn gegevens').check();
	await form().getByLabel('Je wachtwoord, ter bevestiging').fill('niet mijn wachtwoord');
	await form().getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(form().getByText('Dat wachtwoord klopt niet. Je account is niet verwijderd.')).toBeVisible();
	await goto(page, '/dashboard');
	await expect(page).toHaveURL(/\/dashboard$/);

	await goto(page, '/my-data');
	await form().getByLabel('Ja, verwijder mijn account en al mijn gegevens').check();
	await form().getByLabel('Je wachtwoord, ter bevestiging').fill(PASSWORD);
	await form().getByRole('button', { name: 'Account verwijderen' }).click();
	await expect(page).toHaveURL(/\/\?account=deleted$/);
	await expect(page.getByRole('status').filter({ hasText: 'Je account en al je gegevens zijn verwijderd' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Inloggen' }).first()).toBeVisible();

	// The other session ended at the same moment.
	await goto(other, '/dashboard');
	await expect(other).toHaveURL(/\/login/);
	await elsewhere.close();

	await login(page, email);
	await expect(page.getByRole('alert')).toContainText('Dit e-mailadres en wachtwoord horen niet bij elkaar');
	await expect(page).toHaveURL(/\/login/);
});
