/**
 * Issue 14, items 8 and 9: a navigation that fits one row on a phone and opens without JavaScript, the
 * current place marked; a description on every page; pages served compressed.
 */
import { expect, test, type Locator } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { PASSWORD, goto, login, register, uniqueEmail } from './helpers';

const top = async (l: Locator) => Math.round((await l.boundingBox())?.y ?? -1);

test('on a phone the header is one row; its menu opens without JavaScript, marks where you are and closes on the next page', async ({ page }, testInfo) => {
	await page.setViewportSize({ width: 390, height: 844 });
	await register(page, uniqueEmail(testInfo, 'menu'));
	await goto(page, '/groups');
	const header = page.locator('header.site-header');
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	const menu = nav.locator('summary', { hasText: 'Menu' });
	const brand = header.getByRole('link', { name: 'Ontroerd' });
	const language = header.getByRole('button', { name: /English/ });
	// Brand, language and menu side by side, and the header no taller than one row of 44 px targets.
	const rowTop = await top(menu);
	for (const l of [brand, language]) expect(Math.abs((await top(l)) - rowTop)).toBeLessThan(20);
	expect((await header.boundingBox())?.height).toBeLessThan(80);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

	await expect(nav.getByRole('link', { name: 'Groepen' })).toBeHidden();
	await menu.click();
	await expect(nav.getByRole('link', { name: 'Groepen' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Groepen' })).toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('link', { name: 'Overzicht' })).not.toHaveAttribute('aria-current', 'page');
	await expect(nav.getByRole('button', { name: 'Uitloggen' })).toBeVisible();
	await nav.getByRole('link', { name: 'Bronnen' }).click();
	await expect(page).toHaveURL(/\/bronnen$/);
	await expect(nav.getByRole('link', { name: 'Bronnen' })).toBeHidden();
	await menu.click();
	await expect(nav.getByRole('link', { name: 'Bronnen' })).toHaveAttribute('aria-current', 'page');
});

test("a supervisor's header stays one row in Dutch at 1280 px, with the current place marked", async ({ page }) => {
	await login(page, SUPERVISOR_ONE, SUPERVISOR_PASSWORD);
	// The login helper only clicks: wait for the login's redirect before leaving, or the next page may load first.
	await expect(page).not.toHaveURL(/\/login/);
	await goto(page, '/supervisor');
	const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
	await expect(nav.locator('summary')).toBeHidden();
	const current = nav.getByRole('link', { name: 'Begeleiding' });
	await expect(current).toHaveAttribute('aria-current', 'page');
	const rowTop = await top(current);
	for (const l of [page.getByRole('link', { name: 'Ontroerd' }), nav.getByRole('button', { name: 'Uitloggen' }), page.getByRole('button', { name: /English/ })])
		expect(Math.abs((await top(l)) - rowTop)).toBeLessThan(20);
});

test('every page has a description, its own on the public pages, in the reader’s language', async ({ page }, testInfo) => {
	const description = async (url: string) => {
		await goto(page, url);
		return page.locator('meta[name="description"]').getAttribute('content');
	};
	const home = await description('/');
	const about = await description('/over');
	expect(home).toMatch(/^Ontroerd is een e-learning/);
	expect(about).toMatch(/^Over Ontroerd/);
	await expect(page.locator('meta[name="description"]')).toHaveCount(1);
	await register(page, uniqueEmail(testInfo, 'meta'));
	expect(await description('/dashboard')).toBe(home);
	await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: 'en', url: page.url() }]);
	expect(await description('/over')).toMatch(/^About Ontroerd/);
});

test('pages leave the server gzipped, and plain to a client that asks for no compression', async ({ request }) => {
	for (const url of ['/', '/login', '/over']) {
		const response = await request.get(url, { headers: { 'accept-encoding': 'gzip' } });
		expect(response.status(), url).toBe(200);
		expect(response.headers()['content-encoding'], url).toBe('gzip');
		expect(response.headers()['vary'], url).toMatch(/Accept-Encoding/i);
		expect(await response.text(), url).toContain('<h1');
	}
	const plain = await request.get('/over', { headers: { 'accept-encoding': 'identity' } });
	expect(plain.headers()['content-encoding']).toBeUndefined();
	expect(await plain.text()).toContain('<h1');
});

test('a login restores the account’s language, and <html lang> follows it without a reload', async ({ page, browser }, testInfo) => {
	const email = uniqueEmail(testInfo, 'lang');
	await register(page, email); // a Dutch account
	const english = await browser.newContext({ locale: 'en-GB', javaScriptEnabled: testInfo.project.use.javaScriptEnabled });
	const other = await english.newPage();
	await goto(other, '/login');
	await expect(other.locator('html')).toHaveAttribute('lang', 'en');
	await other.getByLabel('E-mail address').fill(email);
	await other.getByLabel('Password').fill(PASSWORD);
	await other.getByRole('button', { name: 'Log in' }).click();
	await expect(other).toHaveURL(/\/dashboard$/);
	await expect(other.getByRole('heading', { level: 1 })).toContainText('Welkom');
	await expect(other.locator('html')).toHaveAttribute('lang', 'nl');
	await english.close();
});
