/** The final test (issue 17) as a learner takes it in the browser, for the specs that need a passed test and a certificate. */
import { expect, type Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { goto } from './helpers';

type Pool = { items: { id: string; options: { id: string; correct?: boolean }[] }[] };
/** Each final-test item's correct option, from the content files. */
export const KEY = new Map(
	readdirSync('content/toets')
		.filter((f) => f.endsWith('.nl.yaml'))
		.flatMap((f) => (parse(readFileSync(`content/toets/${f}`, 'utf8')) as Pool).items)
		.map((item) => [item.id, item.options.find((o) => o.correct)!.id])
);

/** Takes the final test with every answer right and fills in the evaluation. */
export async function passTestAndEvaluate(page: Page, js: boolean) {
	await goto(page, '/toets');
	await page.getByRole('button', { name: 'Toets starten' }).click();
	await expect(page).toHaveURL(/\/toets\/1$/);
	if (js) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	const names = await page.locator('input[type="radio"][name^="answer-"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).name));
	for (const name of new Set(names)) await page.locator(`input[name="${name}"][value="${KEY.get(name.slice('answer-'.length))}"]`).check();
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByText('Je bent geslaagd.')).toBeVisible();
	await goto(page, '/toets/evaluatie');
	for (const question of [
		'Hoe bruikbaar is deze cursus voor je eigen praktijk?',
		'In hoeverre heb je de leerdoelen bereikt?',
		'Hoe beoordeel je de kwaliteit van de inhoud?',
		'Hoe zwaar vond je de studiebelasting?'
	]) {
		await page.getByRole('group', { name: question }).getByLabel('4', { exact: true }).check();
	}
	await page.getByLabel('Hoeveel uur heb je in totaal aan de cursus besteed?').fill('5');
	await page.getByRole('button', { name: 'Evaluatie versturen' }).click();
	await expect(page.getByText('Dank je wel: je evaluatie is bewaard.')).toBeVisible();
}
