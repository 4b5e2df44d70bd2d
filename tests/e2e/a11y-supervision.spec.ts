import { expect, test } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { axeCheck } from './axe';
import { goto, login, register, uniqueEmail } from './helpers';

test('supervision pages, the join page and an assignment are axe-clean', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const sp = await (await browser.newContext()).newPage();
	const tp = await (await browser.newContext()).newPage();
	await login(sp, SUPERVISOR_ONE, SUPERVISOR_PASSWORD);
	await expect(sp).toHaveURL(/\/dashboard$/);
	await goto(sp, '/supervisor');
	await axeCheck(sp, testInfo, 'supervisor');
	await sp.getByRole('button', { name: 'Groep aanmaken' }).click();
	await expect(sp.locator('#name-error')).toBeVisible();
	await axeCheck(sp, testInfo, 'supervisor-error');
	await sp.getByLabel('Naam van de groep').fill(`Toegankelijk ${Date.now()}`);
	await sp.getByRole('button', { name: 'Groep aanmaken' }).click();
	await sp.waitForURL(/\/supervisor\/cohorts\//);
	const cohortUrl = new URL(sp.url()).pathname;
	await sp.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	const invite = new URL(await sp.getByLabel('Uitnodigingslink').inputValue()).pathname;
	await axeCheck(sp, testInfo, 'cohort-invite');

	await goto(tp, invite);
	await axeCheck(tp, testInfo, 'join-logged-out');
	await register(tp, uniqueEmail(testInfo, 'a11y-cohort'), 'Toegankelijke Deelnemer', invite);
	await tp.getByRole('button', { name: 'Deelnemen' }).click();
	await tp.waitForURL(/\/dashboard/);

	await goto(sp, `${cohortUrl}/assign`);
	await axeCheck(sp, testInfo, 'cohort-assign');
	await sp.getByLabel('Inleveren uiterlijk op').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10));
	await sp.getByRole('button', { name: 'Opdracht geven' }).click();
	await expect(sp.getByText('De opdracht staat klaar')).toBeVisible();
	await axeCheck(sp, testInfo, 'cohort-overview');
	await goto(sp, `${cohortUrl}?sort=progress`);
	await axeCheck(sp, testInfo, 'cohort-sorted');

	await goto(tp, '/dashboard');
	await axeCheck(tp, testInfo, 'dashboard-assignments');
	await tp.locator('ul.assignments a').first().click();
	await tp.waitForURL(/\/assignments\//);
	await axeCheck(tp, testInfo, 'assignment');
	await tp.getByRole('button', { name: 'Inleveren bij mijn supervisor' }).click();
	await expect(tp.getByText('Ingeleverd.')).toBeVisible();

	await goto(sp, cohortUrl);
	await sp
		.getByRole('link', { name: /Lezen en feedback geven/ })
		.first()
		.click();
	await sp.waitForURL(/\/review\//);
	await axeCheck(sp, testInfo, 'review');
	await goto(sp, cohortUrl);
	await sp.getByRole('rowheader', { name: 'Toegankelijke Deelnemer' }).getByRole('link').click();
	await sp.waitForURL(/\/trainees\//);
	await axeCheck(sp, testInfo, 'trainee');
});

test("the growth reports, the course owner's and a cohort's, are axe-clean (the demo's)", async ({ browser }, testInfo) => {
	test.setTimeout(90_000);
	for (const [email, path, name] of [
		['beheer@demo.ontroerd.nl', '/beheer/groei', 'beheer-growth'],
		['supervisor@demo.ontroerd.nl', '/supervisor', 'cohort-growth']
	] as const) {
		const page = await (await browser.newContext()).newPage();
		await login(page, email, 'ontroerd-demo-2026');
		await expect(page).toHaveURL(/\/dashboard$/);
		await goto(page, path);
		if (path === '/supervisor') {
			await page.locator('a[href^="/supervisor/cohorts/"]', { hasText: 'Opleidingsgroep GZ 2026' }).first().click();
			await page.getByRole('link', { name: 'Groei (voor- en nameting)' }).click();
			await page.waitForURL(/\/groei$/);
		}
		await expect(page.getByRole('heading', { name: 'Wat deze cijfers wel en niet laten zien' })).toBeVisible();
		await axeCheck(page, testInfo, name);
		await page.context().close();
	}
});
