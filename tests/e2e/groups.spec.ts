import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { axeCheck } from './axe';
import { goto, hasJs, register, uniqueEmail, walkVignette, writeReflection } from './helpers';

const CASE = 'vignette:vignet-samen-lachen';
const NOT_YET = 'Verschijnt zodra 3 leden hebben geantwoord.';
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

async function newPage(browser: Browser, testInfo: TestInfo): Promise<Page> {
	return (await browser.newContext({ javaScriptEnabled: hasJs(testInfo) })).newPage();
}

/** Follows an invite link logged out: the register link brings the new account back to the invite. */
async function joinByInvite(page: Page, testInfo: TestInfo, invite: string, name: string) {
	await goto(page, invite);
	await page.getByRole('main').getByRole('link', { name: 'Account maken' }).click();
	await page.waitForURL(/\/register/);
	await register(page, uniqueEmail(testInfo, 'groep'), name, invite);
	await page.getByRole('button', { name: 'Deelnemen' }).click();
	await expect(page.getByText('Welkom in de groep.')).toBeVisible();
}

/** Opens the group's case from the group page, takes choice `pick` at the first step and walks on. */
async function workCase(page: Page, groupUrl: string, pick: number) {
	await goto(page, groupUrl);
	await page.getByRole('link', { name: 'Casus openen' }).click();
	await page.waitForURL(/\/modules\/tranen-in-de-therapiekamer\/vignet-samen-lachen$/);
	await walkVignette(page, pick);
}

test('a group: invite, pick the case, work it alone, results from the third answer, a shared reflection, outsiders and leavers get 404', async ({
	browser
}, testInfo) => {
	test.setTimeout(240_000);
	const js = hasJs(testInfo);
	const stamp = `${testInfo.project.name} ${Date.now() % 1_000_000}`;
	const groupName = `Intervisie ${stamp}`;

	// The facilitator starts a group from the header's "Groepen".
	const f = await newPage(browser, testInfo);
	await register(f, uniqueEmail(testInfo, 'leider'), `Fenna ${stamp}`);
	await f.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: 'Groepen' }).click();
	await expect(f).toHaveURL(/\/groups$/);
	if (js) await axeCheck(f, testInfo, 'groups-empty');
	await f.getByRole('button', { name: 'Groep beginnen' }).click();
	await expect(f.getByText('Geef de groep een naam van hoogstens 80 tekens.')).toBeVisible();
	await f.getByLabel('Naam van de groep').fill(groupName);
	await f.getByRole('button', { name: 'Groep beginnen' }).click();
	await f.waitForURL(/\/groups\/[0-9a-f-]{36}\?created=1$/);
	const groupUrl = new URL(f.url()).pathname;
	await expect(f.getByText('Je kunt een casus kiezen zodra de groep 3 leden heeft (nu 1).')).toBeVisible();
	await f.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	const invite = new URL(await f.getByLabel('Uitnodigingslink').inputValue()).pathname;
	expect(invite).toMatch(/^\/groups\/join\/[a-z2-7]{32}$/);

	// Two colleagues join through the link, logged out at first.
	const a = await newPage(browser, testInfo);
	const b = await newPage(browser, testInfo);
	await goto(a, invite);
	await expect(a.getByText(`Je bent uitgenodigd voor de intervisiegroep ‘${groupName}’ van Fenna ${stamp}.`)).toBeVisible();
	if (js) await axeCheck(a, testInfo, 'group-join');
	await joinByInvite(a, testInfo, invite, `Anouk ${stamp}`);
	await joinByInvite(b, testInfo, invite, `Bas ${stamp}`);

	// The facilitator picks the case; a date in the past gets a clear message and keeps the choice.
	await goto(f, groupUrl);
	await f.getByLabel('Casus of quiz').selectOption(CASE);
	await f.getByLabel('Datum van de bijeenkomst').fill(yesterday());
	await f.getByRole('button', { name: 'Casus opslaan' }).click();
	await expect(f.getByText('Die datum is al voorbij. Kies vandaag of een dag in de toekomst.')).toBeVisible();
	await expect(f.getByLabel('Casus of quiz')).toHaveValue(CASE);
	await f.getByLabel('Datum van de bijeenkomst').fill(inAWeek());
	await f.getByRole('button', { name: 'Casus opslaan' }).click();
	await expect(f.getByText('De casus en de datum zijn opgeslagen.')).toBeVisible();
	await goto(f, groupUrl);
	await expect(f.getByRole('link', { name: 'Samen lachen tot de tranen komen' })).toBeVisible();
	if (js) await axeCheck(f, testInfo, 'group-page');

	// Anouk takes the second choice, which leads to a step with a reflection, and shares it with the group.
	await goto(a, groupUrl);
	await a.getByRole('link', { name: 'Casus openen' }).click();
	await a.waitForURL(/\/vignet-samen-lachen$/);
	await a.locator('form[action="?/choose"] button[name="choice"]').nth(1).click();
	await expect(a.locator('form[action="?/reflect"]')).toHaveCount(1);
	const reflection = `Ik werd zelf ook ontroerd ${stamp}`;
	await writeReflection(a, reflection, js);
	const form = a.locator('form[action="?/reflect"]');
	if (js) {
		const saved = a.waitForResponse((r) => r.url().includes('?/reflect') && r.request().method() === 'POST');
		await form.getByLabel('Wie mag deze reflectie lezen?').selectOption({ label: `Ik en de groep ‘${groupName}’` });
		expect((await saved).ok()).toBe(true);
	} else {
		await form.getByLabel('Wie mag deze reflectie lezen?').selectOption({ label: `Ik en de groep ‘${groupName}’` });
		await form.getByRole('button', { name: 'Opslaan' }).click();
	}
	await expect(a.locator('.privacy')).toContainText(`Jij en de leden van ‘${groupName}’ kunnen dit lezen, zonder je naam.`);
	await walkVignette(a, 1);

	// Two answers: no chart, no table, no counts.
	await workCase(f, groupUrl, 0);
	await goto(f, `${groupUrl}/results`);
	await expect(f.getByText(NOT_YET).first()).toBeVisible();
	await expect(f.locator('main table.result-chart')).toHaveCount(0);
	await expect(f.locator('main table')).toHaveCount(0);
	// The shared reflection is there for another member, without a name.
	await expect(f.getByText(reflection)).toBeVisible();
	await expect(f.getByText('— een lid van de groep')).toBeVisible();

	// The third answer brings the first decision point's chart, with Fenna's own choice marked for her.
	await workCase(b, groupUrl, 0);
	await goto(f, `${groupUrl}/results`);
	const point = f.getByRole('region', { name: 'Beslismoment 1' });
	await expect(point.locator('table.result-chart')).toHaveCount(1);
	// The option's own text beside its letter, with a space before "(jouw keuze)".
	await expect(point.getByRole('row').filter({ hasText: 'jouw keuze' }).getByRole('rowheader')).toHaveText(/^[A-Z]\. \S.*\s\(jouw keuze\)$/);
	await expect(point.getByRole('table')).toContainText('Keuzes van de groep (3 antwoorden)');
	await expect(point.getByRole('row').filter({ hasText: 'jouw keuze' })).toHaveCount(1);
	await expect(point.getByRole('row').filter({ hasText: 'jouw keuze' }).getByRole('cell').first()).toHaveText('2');
	if (js) await axeCheck(f, testInfo, 'group-results');

	// An outsider guessing the id, and a member who leaves, get 404 at once.
	const outsider = await newPage(browser, testInfo);
	await register(outsider, uniqueEmail(testInfo, 'buiten'), `Olga ${stamp}`);
	for (const url of [groupUrl, `${groupUrl}/results`]) expect((await goto(outsider, url))?.status()).toBe(404);
	await goto(b, groupUrl);
	// Leaving takes a second click, also without JavaScript: opening the fold alone leaves nothing.
	await b.getByText('Uit de groep stappen', { exact: true }).and(b.locator('summary')).click();
	await expect(b).toHaveURL(groupUrl);
	await b.getByRole('button', { name: 'Ja, ik stap uit de groep' }).click();
	await expect(b).toHaveURL(/\/groups\?left=1$/);
	await expect(b.getByText('Je bent uit de groep gestapt.')).toBeVisible();
	for (const url of [groupUrl, `${groupUrl}/results`]) expect((await goto(b, url))?.status()).toBe(404);
	// The facilitator cannot leave before handing over.
	await goto(f, groupUrl);
	await expect(f.getByText('Je bent gespreksleider. Draag die rol eerst over')).toBeVisible();
});
