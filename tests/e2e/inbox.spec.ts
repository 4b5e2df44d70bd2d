/**
 * The supervisor's inbox and the trainee's "ready to submit", on the demo (playwright.config.ts seeds it):
 * a late assignment needs a due date in the past, which no form accepts. These tests only read, so
 * they run with and without JavaScript on the same data.
 */
import { expect, test, type Page } from '@playwright/test';
import { SUPERVISOR_PASSWORD, SUPERVISOR_TWO } from './accounts';
import { axeCheck } from './axe';
import { goto, hasJs, login } from './helpers';

const DEMO_PASSWORD = 'ontroerd-demo-2026';

async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
	await login(page, email, password);
	await expect(page).toHaveURL(/\/dashboard$/);
}

test("the supervisor's inbox shows submitted and late work, each linking to where to act", async ({ page }, testInfo) => {
	await signIn(page, 'supervisor@demo.ontroerd.nl');
	await goto(page, '/supervisor');
	const inbox = page.getByRole('region', { name: /Te doen/ });
	await expect(inbox.getByRole('heading', { name: /Te doen/ })).toBeVisible();
	const totals = inbox.getByRole('table', { name: 'Aantal taken per groep en in totaal' });
	const row = totals.getByRole('row', { name: /Opleidingsgroep GZ 2026/ });
	await expect(row.getByRole('cell')).toHaveText(['1', '1', '0']);

	const waiting = inbox.getByRole('listitem').filter({ hasText: 'Wacht op feedback' });
	await expect(waiting).toHaveCount(1);
	await expect(waiting).toContainText('Lotte Bakker');
	const late = inbox.getByRole('listitem').filter({ hasText: 'Te laat' });
	await expect(late).toHaveCount(1);
	await expect(late).toContainText('Sanne Jansen');
	await expect(late).toContainText('moest uiterlijk');
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'supervisor-inbox');

	await late.getByRole('link', { name: /Naar de deelnemer/ }).click();
	await expect(page).toHaveURL(/\/supervisor\/cohorts\/[0-9a-f-]{36}\/trainees\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sanne Jansen');

	await goto(page, '/supervisor');
	await page.getByRole('link', { name: /Lezen en feedback geven.*Lotte Bakker/ }).click();
	await expect(page).toHaveURL(/\/review\/\d+\/[0-9a-f-]{36}$/);
	await expect(page.getByRole('heading', { name: 'Werk van Lotte Bakker' })).toBeVisible();
});

test("another supervisor's inbox shows none of it", async ({ page }) => {
	await signIn(page, SUPERVISOR_TWO, SUPERVISOR_PASSWORD);
	await goto(page, '/supervisor');
	await expect(page.getByRole('heading', { name: /Te doen/ })).toBeVisible();
	await expect(page.getByRole('main')).not.toContainText('Lotte Bakker');
	await expect(page.getByRole('main')).not.toContainText('Sanne Jansen');
});

test('the cohort table sorts by links, the same without JavaScript', async ({ page }, testInfo) => {
	await signIn(page, 'supervisor@demo.ontroerd.nl');
	await goto(page, '/supervisor');
	await page.getByRole('region', { name: 'Je opleidingsgroepen' }).getByRole('link', { name: 'Opleidingsgroep GZ 2026' }).click();
	await expect(page).toHaveURL(/\/supervisor\/cohorts\/[0-9a-f-]{36}$/);
	const names = page.getByRole('region', { name: 'Overzicht van de groep' }).getByRole('rowheader');
	await expect(names).toHaveText(['Lotte Bakker', 'Sanne Jansen', 'Youssef El Amrani']);
	await page.getByRole('columnheader', { name: 'Onderdelen klaar' }).getByRole('link').click();
	await expect(page).toHaveURL(/\?sort=progress/);
	await expect(page.getByRole('columnheader', { name: 'Onderdelen klaar' })).toHaveAttribute('aria-sort', 'descending');
	await expect(names).toHaveText(['Lotte Bakker', 'Youssef El Amrani', 'Sanne Jansen']);
	// By the late assignment: the trainee who is late comes first.
	await page
		.getByRole('columnheader', { name: /Sorry, sorry/ })
		.getByRole('link')
		.click();
	await expect(page).toHaveURL(/\?sort=assignment%3A\d+/);
	await expect(names.first()).toHaveText('Sanne Jansen');
	// A status cell shows a symbol and gives a screen reader the word.
	const lateRow = page.getByRole('row', { name: /^Sanne Jansen/ });
	await expect(lateRow.getByRole('cell', { name: 'Te laat', exact: true })).toHaveCount(1);
	// An assignment's card adds up its statuses and lists whose work waits for feedback, with a link to it.
	const late = page.locator('ul.assignments > li').filter({ hasText: 'Kies bewust; we bespreken je keuzes.' });
	await expect(late.locator('ul.counts')).toHaveText('! Te laat: 1');
	await expect(late.getByRole('link', { name: /^Lezen en feedback geven/ })).toHaveCount(0);
	const module = page.locator('ul.assignments > li').filter({ hasText: 'Lees de module vóór onze supervisie' });
	await expect(module.locator('ul.counts > li')).toHaveText([/Ingeleverd: 1$/, /Bezig: 2$/]);
	await expect(module.getByRole('link', { name: /^Lezen en feedback geven/ })).toHaveText(['Lezen en feedback geven: Lotte Bakker']);
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'cohort-heatmap');
	await page.getByRole('columnheader', { name: 'Deelnemer' }).getByRole('link').click();
	await expect(names).toHaveText(['Lotte Bakker', 'Sanne Jansen', 'Youssef El Amrani']);

	// The trainee page names what was assigned, and offers to view or change feedback already given.
	await names.first().getByRole('link').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lotte Bakker');
	const reviewed = page.getByRole('listitem').filter({ hasText: 'Besproken' });
	await expect(reviewed.getByRole('link', { name: /Feedback wijzigen/ })).toBeVisible();
	await expect(reviewed.getByRole('link', { name: /Lezen en feedback geven/ })).toHaveCount(0);
	await expect(page.getByRole('main')).not.toContainText(/quiz-|module-|vignet-/);
});

test('a trainee whose assignment is all done sees "ready to submit" on the dashboard and the assignment page', async ({ page }, testInfo) => {
	await signIn(page, 'halverwege@demo.ontroerd.nl');
	const item = page.getByRole('region', { name: 'Je opdrachten' }).getByRole('listitem').filter({ hasText: 'Klaar om in te leveren' });
	await expect(item).toHaveCount(1);
	await expect(item).not.toContainText('Bezig');
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'dashboard-ready');
	await item.getByRole('link', { name: /Bekijken en inleveren/ }).click();
	await expect(page).toHaveURL(/\/assignments\/\d+#submit$/);
	await expect(page.getByRole('heading', { name: 'Klaar om in te leveren' })).toBeVisible();
	const parts = page.locator('ul.items li');
	const count = await parts.count();
	expect(count).toBeGreaterThan(1);
	await expect(parts.filter({ hasText: '(klaar)' })).toHaveCount(count);
	await expect(page.getByText(`${count} van ${count} onderdelen klaar`)).toBeVisible();
	await expect(page.getByRole('button', { name: 'Inleveren bij mijn supervisor' })).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'assignment-ready');
});
