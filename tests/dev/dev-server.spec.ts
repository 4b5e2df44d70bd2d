import { expect, test, type Page } from '@playwright/test';
/** The demo accounts' password (README, src/lib/server/demo.ts). */
const DEMO_PASSWORD = 'ontroerd-demo-2026';

/**
 * Pages served by `npm run dev` must stay whole after hydration: a dev-only module that fails to load
 * turns a page into the error page about a second after it first looked fine.
 */
async function staysWhole(page: Page, url: string, heading: string | RegExp) {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('response', (r) => {
		if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
	});
	await page.goto(url);
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await page.waitForTimeout(3000);
	await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
	await expect(page.getByRole('heading', { level: 1, name: 'Er ging iets mis' })).toHaveCount(0);
	expect(errors, `errors on ${url}`).toEqual([]);
}

test('the dev server keeps home, login, register and a lesson whole after load', async ({ page }) => {
	await staysWhole(page, '/', 'Tranen in de therapiekamer');
	await staysWhole(page, '/register', 'Account maken');
	await staysWhole(page, '/login', 'Inloggen');
	await page.getByLabel('E-mailadres').fill('halverwege@demo.ontroerd.nl');
	await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
	await staysWhole(page, '/modules/tranen-in-de-therapiekamer/hoe-vaak-therapeuten-huilen', 'Hoe vaak therapeuten huilen');
});
