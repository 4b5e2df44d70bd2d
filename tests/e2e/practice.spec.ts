/**
 * Issue 15, deliberate practice, with JavaScript, without, and at 390 px: three drills responded to and rated, one
 * back as due once the test clock (PRACTICE_CLOCK_HOOK, a cookie only the test server reads) has moved on; a drill
 * at its vignette's decision point before the choices; and bad input refused with the text kept.
 */
import { expect, test, type Page } from '@playwright/test';
import { loadCourse } from '../../src/lib/server/content/load';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { goto, register, uniqueEmail } from './helpers';

const course = loadCourse(readContentFiles('content'));

/** Responds to the drill on the page, then rates every skill 3 and the difficulty "about right"; returns the drill's title. */
async function doDrill(page: Page, response: string): Promise<string> {
	// The response form is only on a drill not yet answered: wait for it, so a client-side navigation has landed.
	await expect(page.getByLabel('Wat zeg je nu tegen de cliënt?')).toBeVisible();
	const title = (await page.getByRole('heading', { level: 1 }).innerText()).trim();
	await page.getByLabel('Wat zeg je nu tegen de cliënt?').fill(response);
	await page.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Je antwoord is opgeslagen.' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Zo zouden ervaren therapeuten het kunnen zeggen' })).toBeVisible();
	await expect(page.locator('ul.models > li')).toHaveCount(3);
	await expect(page.getByRole('heading', { name: 'En zo liever niet' })).toBeVisible();
	await expect(page.locator('.response')).toHaveText(response);
	const rate = page.locator('form[action="?/rate"]');
	for (const group of await rate.locator('fieldset.skill').all()) await group.locator('input[value="3"]').check();
	await rate.getByLabel('Precies goed').check();
	await rate.getByRole('button', { name: 'Opslaan' }).click();
	await expect(page.getByRole('heading', { name: 'Delen' })).toBeVisible();
	return title;
}

test('a learner does three drills, rates them, and sees one come back as due after the clock moves', async ({ page, context, baseURL }, testInfo) => {
	test.setTimeout(120_000);
	await register(page, uniqueEmail(testInfo, 'oefenen'));
	await expect(page.getByRole('heading', { name: 'Vandaag oefenen' })).toBeVisible();
	await page.getByRole('link', { name: 'Naar Oefenen' }).click();
	await expect(page.getByRole('heading', { name: 'Oefenen', level: 1 })).toBeVisible();
	await expect(page.getByText('Jij oefent nu op trede 1.')).toBeVisible();
	await page.locator('section.today a').first().click();

	// An empty response is refused, in Dutch, with the line about the body kept.
	await page.getByLabel('Wat merk je in je eigen lijf? (mag je overslaan)').fill('Een brok in mijn keel');
	await page.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
	await expect(page.getByRole('alert')).toContainText('een leeg antwoord kun je niet opslaan');
	await expect(page.getByLabel('Wat merk je in je eigen lijf? (mag je overslaan)')).toHaveValue('Een brok in mijn keel');

	const done: string[] = [];
	done.push(await doDrill(page, 'Ik zie dat dit je raakt. Neem de tijd.'));
	for (const text of ['Je mag hier huilen.', 'Wat gebeurt er nu in je?']) {
		await page.getByRole('link', { name: /^Volgende oefening/ }).click();
		done.push(await doDrill(page, text));
	}
	expect(new Set(done).size).toBe(3);

	await goto(page, '/oefenen');
	await expect(page.locator('.tag.due')).toHaveCount(0);
	for (const title of done) await expect(page.locator('ol.ladder ul.drills li', { hasText: title }).getByText('gedaan')).toBeVisible();

	// Sixty days on (the test server's clock hook): the rated drills are due again, on /oefenen and on the dashboard.
	await context.addCookies([{ name: 'practice-clock-days', value: '60', url: baseURL ?? '' }]);
	await goto(page, '/oefenen');
	const today = page.locator('section.today');
	for (const title of done) await expect(today.locator('li', { hasText: title }).getByText('Weer aan de beurt')).toBeVisible();
	await goto(page, '/dashboard');
	await expect(page.locator('section.practice')).toContainText('Er staan 4 oefeningen voor je klaar.');

	// The history shows the response with its scores, as a chart and a table.
	await goto(page, '/oefenen');
	await page
		.locator('ol.ladder ul.drills li', { hasText: done[0] })
		.getByRole('link', { name: /^Je eerdere antwoorden/ })
		.click();
	await expect(page.getByText('Ik zie dat dit je raakt. Neem de tijd.')).toBeVisible();
	await expect(page.getByRole('table')).toContainText('Keer 1');
	await expect(page.locator('svg.chart circle').first()).toBeAttached();
});

test('a drill is offered at its vignette step before the choices, and leads back to them', async ({ page }, testInfo) => {
	test.setTimeout(90_000);
	const drill = course.practice.drills.find((d) => {
		const v = d.vignette ? course.items.get(d.vignette.id) : undefined;
		return d.pool === 'practice' && v?.type === 'vignette' && v.start === d.vignette?.step;
	});
	if (!drill?.vignette) throw new Error('no drill at a vignette start step');
	const vignette = course.items.get(drill.vignette.id)!;
	const url = `/modules/${vignette.moduleId}/${vignette.id}`;
	await register(page, uniqueEmail(testInfo, 'casus-oefening'), 'Test Deelnemer', url);
	const section = page.locator('section.practice');
	await expect(section.getByRole('heading', { name: 'Eerst in je eigen woorden' })).toBeVisible();
	// In reading order the learner's own words come before the scripted choices.
	const order = await page.locator('section.practice, form[action="?/choose"]').evaluateAll((els) => els.map((e) => e.tagName));
	expect(order).toEqual(['SECTION', 'FORM']);
	await section.getByLabel('Wat zeg je nu tegen de cliënt?').fill('Het mag er zijn, ook hier.');
	await section.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
	await expect(page).toHaveURL(new RegExp(`/oefenen/${drill.id}\\?antwoord=\\d+`));
	await expect(page.locator('ul.models > li')).toHaveCount(3);
	const rate = page.locator('form[action="?/rate"]');
	for (const group of await rate.locator('fieldset.skill').all()) await group.locator('input[value="4"]').check();
	await rate.getByLabel('Te makkelijk').check();
	await rate.getByRole('button', { name: 'Opslaan' }).click();
	await page.getByRole('link', { name: 'Verder met de keuzes van de casus' }).click();
	await expect(page).toHaveURL(new RegExp(`${url}$`));
	await expect(page.locator('section.practice')).toContainText('Je antwoord is opgeslagen.');
	await expect(page.locator('form[action="?/choose"] button[name="choice"]').first()).toBeVisible();
});
