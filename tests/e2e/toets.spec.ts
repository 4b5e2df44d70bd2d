/**
 * Issue 17: a learner takes the final test (answers kept across a reload), passes, sees the objectives met,
 * and fills in the evaluation, where bad input is kept with its messages; with and without JavaScript.
 * The right answers come from the content files, read here.
 */
import { expect, test, type Page } from '@playwright/test';
import { axeCheck, axeCheckWithoutScripts } from './axe';
import { goto, hasJs, register, uniqueEmail } from './helpers';
import { KEY } from './final-test';

/** The item ids of the attempt on the page, from its radio groups' names. */
async function itemsOn(page: Page): Promise<string[]> {
	const names = await page.locator('input[type="radio"][name^="answer-"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
	return [...new Set(names)].map((n) => n.slice('answer-'.length));
}

const option = (page: Page, itemId: string, optionId: string) => page.locator(`input[name="answer-${itemId}"][value="${optionId}"]`);

test('a learner passes the final test and fills in the evaluation', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	await register(page, uniqueEmail(testInfo, 'toets'));
	await expect(page.getByRole('heading', { name: 'Eindtoets' })).toBeVisible();
	await page.getByRole('link', { name: 'Naar de eindtoets' }).click();
	await expect(page.getByRole('heading', { name: 'Eindtoets', level: 1 })).toBeVisible();
	await expect(page.getByText('De toets telt 15 vragen, 3 uit elke module. Je slaagt met 70% goed of meer.')).toBeVisible();
	await page.getByRole('button', { name: 'Toets starten' }).click();
	await expect(page).toHaveURL(/\/toets\/1$/);
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });

	const items = await itemsOn(page);
	expect(items).toHaveLength(15);
	expect(await page.getByRole('group').count()).toBe(15);

	// One wrong answer first: saved as the learner goes (with JavaScript at once, without by the button), kept across a reload.
	const [first, ...rest] = items;
	const wrong = ['a', 'b', 'c'].find((id) => id !== KEY.get(first!));
	await option(page, first!, wrong!).check();
	if (js) await expect(page.getByRole('status').filter({ hasText: 'Je antwoorden zijn bewaard.' })).toBeVisible();
	else await page.getByRole('button', { name: 'Antwoorden bewaren' }).click();
	await goto(page, '/toets/1');
	await expect(option(page, first!, wrong!)).toBeChecked();

	for (const itemId of [first!, ...rest]) await option(page, itemId, KEY.get(itemId)!).check();
	if (js) await axeCheck(page, testInfo, 'toets-attempt');
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByRole('heading', { name: 'Uitslag van poging 1' })).toBeVisible();
	await expect(page.getByText('15 van 15 vragen goed: 100%. De grens is 70%.')).toBeVisible();
	await expect(page.getByText('Je bent geslaagd.')).toBeVisible();
	await expect(page.getByText('Je had alle vragen goed.')).toBeVisible();
	await expect(page.getByText('(behaald)').first()).toBeVisible();
	await expect(page.getByText('(nog niet behaald)')).toHaveCount(0);
	if (js) await axeCheck(page, testInfo, 'toets-result');

	// The evaluation: bad input is refused with messages, and what was typed stays.
	await page.getByRole('link', { name: 'Vul de evaluatie in' }).click();
	await expect(page.getByRole('heading', { name: 'Evaluatie van de cursus' })).toBeVisible();
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const group = (name: string) => page.getByRole('group', { name });
	await group('Hoe bruikbaar is deze cursus voor je eigen praktijk?').getByLabel('4', { exact: true }).check();
	await page.getByLabel('Hoeveel uur heb je in totaal aan de cursus besteed?').fill('veel');
	await page.getByLabel('Opmerkingen (niet verplicht)').fill('De casussen waren herkenbaar.');
	await page.getByRole('button', { name: 'Evaluatie versturen' }).click();
	await expect(page.getByRole('alert')).toContainText('Niet alles is goed ingevuld');
	await expect(page.getByText('Vul het aantal uren in als getal boven 0')).toBeVisible();
	await expect(page.getByText('Kies een waarde van 1 tot en met 5.')).toHaveCount(3);
	await expect(page.getByLabel('Hoeveel uur heb je in totaal aan de cursus besteed?')).toHaveValue('veel');
	await expect(page.getByLabel('Opmerkingen (niet verplicht)')).toHaveValue('De casussen waren herkenbaar.');
	await expect(group('Hoe bruikbaar is deze cursus voor je eigen praktijk?').getByLabel('4', { exact: true })).toBeChecked();
	if (js) await axeCheck(page, testInfo, 'toets-evaluation-errors');

	await group('In hoeverre heb je de leerdoelen bereikt?').getByLabel('4', { exact: true }).check();
	await group('Hoe beoordeel je de kwaliteit van de inhoud?').getByLabel('5', { exact: true }).check();
	await group('Hoe zwaar vond je de studiebelasting?').getByLabel('3', { exact: true }).check();
	await page.getByLabel('Hoeveel uur heb je in totaal aan de cursus besteed?').fill('6,5');
	await page.getByRole('button', { name: 'Evaluatie versturen' }).click();
	await expect(page).toHaveURL(/\/toets\?evaluatie=1$/);
	await expect(page.getByText('Dank je wel: je evaluatie is bewaard.')).toBeVisible();
	await expect(page.getByText(/Poging 1, .*: 15 van 15 goed \(100%\)/)).toBeVisible();

	// The saved evaluation comes back to be changed; the course owner's pages do not exist for a learner.
	await goto(page, '/toets/evaluatie');
	await expect(page.getByLabel('Hoeveel uur heb je in totaal aan de cursus besteed?')).toHaveValue('6,5');
	const response = await goto(page, '/beheer/toets');
	expect(response?.status()).toBe(404);
	// The pages as a browser without JavaScript gets them (axe needs a scripting page to run in).
	if (js)
		for (const [url, name] of [
			['/toets', 'toets'],
			['/toets/1', 'toets-result'],
			['/toets/evaluatie', 'toets-evaluation']
		])
			await axeCheckWithoutScripts(page, testInfo, url!, name!);
});
