import { expect, test } from '@playwright/test';
import { hasJs, register, uniqueEmail, writeReflection, goto } from './helpers';

const REFLECTION = '/modules/tranen-in-de-therapiekamer/reflectie-wat-jou-raakt';

test("a second learner cannot read the first one's reflection by any URL", async ({ browser }, testInfo) => {
	const js = hasJs(testInfo);
	const a = await browser.newContext();
	const b = await browser.newContext();
	const pageA = await a.newPage();
	const pageB = await b.newPage();
	const secret = `Alleen van A ${Date.now()}`;
	await register(pageA, uniqueEmail(testInfo, 'a'));
	await goto(pageA, REFLECTION);
	await writeReflection(pageA, secret, js);

	await register(pageB, uniqueEmail(testInfo, 'b'));
	for (const url of [REFLECTION, '/dashboard', '/modules/tranen-in-de-therapiekamer', '/bronnen', '/account']) {
		await goto(pageB, url);
		await expect(pageB.locator('body')).not.toContainText(secret);
	}
	await goto(pageB, REFLECTION);
	await expect(pageB.getByLabel('Jouw reflectie')).toHaveValue('');
	await a.close();
	await b.close();
});

test('two tabs: a save from the stale tab gets a conflict showing both texts, and nothing is lost', async ({ context }, testInfo) => {
	const js = hasJs(testInfo);
	const tab1 = await context.newPage();
	await register(tab1, uniqueEmail(testInfo, 'tabs'));
	await goto(tab1, REFLECTION);
	const tab2 = await context.newPage();
	await goto(tab2, REFLECTION);

	await writeReflection(tab1, 'Tekst uit tabblad een', js);
	const box = tab2.getByLabel('Jouw reflectie');
	await box.fill('Tekst uit tabblad twee');
	if (!js) await tab2.getByRole('button', { name: 'Opslaan' }).click();
	const alert = tab2.getByRole('alert').filter({ hasText: 'intussen ergens anders gewijzigd' });
	await expect(alert).toBeVisible({ timeout: 10_000 });
	await expect(alert).toContainText('Tekst uit tabblad een');
	await expect(tab2.getByLabel('Jouw reflectie')).toHaveValue('Tekst uit tabblad twee');

	await goto(tab1, REFLECTION); // goto, not reload: a reload would post the form again
	await expect(tab1.getByLabel('Jouw reflectie')).toHaveValue('Tekst uit tabblad een');

	// The learner chooses to keep the text of tab two.
	await tab2.getByRole('button', { name: 'Mijn tekst bewaren' }).click();
	await expect(tab2.getByRole('status').filter({ hasText: 'Opgeslagen om' })).toBeVisible();
	await goto(tab1, REFLECTION); // goto, not reload: a reload would post the form again
	await expect(tab1.getByLabel('Jouw reflectie')).toHaveValue('Tekst uit tabblad twee');
});

test('an over-long reflection is refused with a clear message and the saved text survives', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	await register(page, uniqueEmail(testInfo, 'lang'));
	await goto(page, REFLECTION);
	await writeReflection(page, 'Wat al bewaard was', js);
	const tooLong = 'x'.repeat(10_001);
	await page.getByLabel('Jouw reflectie').fill(tooLong);
	if (!js) await page.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByText('Je tekst is langer dan 10000 tekens')).toBeVisible({ timeout: 10_000 });
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue(tooLong);
	await goto(page, REFLECTION);
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue('Wat al bewaard was');
});
