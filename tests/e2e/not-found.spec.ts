import { expect, test } from '@playwright/test';
import { goto, register, uniqueEmail } from './helpers';

// A missing page is not an error: its own heading, no reference id, and a way on that fits who is looking.
test('logged out, a missing page says so and offers the home page and the login', async ({ page }) => {
	const response = await goto(page, '/bestaat-niet');
	expect(response?.status()).toBe(404);
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
	await expect(page).toHaveTitle('Pagina niet gevonden — Ontroerd');
	await expect(main.getByText('Deze pagina bestaat niet (meer).')).toBeVisible();
	await expect(main.getByText(/Ref:/)).toHaveCount(0);
	await expect(main.getByRole('link', { name: 'Terug naar het overzicht' })).toHaveCount(0);
	await expect(main.getByRole('link', { name: 'Inloggen' })).toHaveAttribute('href', '/login');
	await main.getByRole('link', { name: 'Naar de startpagina' }).click();
	await expect(page).toHaveURL(/\/$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Tranen in de therapiekamer' })).toBeVisible();
});

test('in English too', async ({ browser }, testInfo) => {
	const context = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
	const page = await context.newPage();
	expect((await page.goto('/does-not-exist'))?.status()).toBe(404);
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
	await expect(main.getByText('This page does not exist (any more).')).toBeVisible();
	await expect(main.getByRole('link', { name: 'To the home page' })).toHaveAttribute('href', '/');
	await expect(main.getByRole('link', { name: 'Log in' })).toHaveAttribute('href', '/login');
	await expect(main.getByText(/Ref:|Something went wrong/)).toHaveCount(0);
	await context.close();
});

test('logged in, a missing page leads back to the dashboard', async ({ page }, testInfo) => {
	await register(page, uniqueEmail(testInfo, 'weg'));
	expect((await goto(page, '/modules/bestaat-niet'))?.status()).toBe(404);
	const main = page.getByRole('main');
	await expect(main.getByRole('heading', { level: 1, name: 'Pagina niet gevonden' })).toBeVisible();
	await expect(main.getByText(/Ref:/)).toHaveCount(0);
	await expect(main.getByRole('link', { name: 'Naar de startpagina' })).toHaveCount(0);
	await main.getByRole('link', { name: 'Terug naar het overzicht' }).click();
	await expect(page).toHaveURL(/\/dashboard$/);
});
