import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { register, uniqueEmail, walkVignette, goto } from './helpers';

async function check(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `${name} (${page.url()})`).toEqual([]);
	await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-${name}.png`, fullPage: true });
}

test('every page of the learner path is axe-clean, desktop and phone', async ({ page }, testInfo) => {
	// Dozens of pages, each analysed and photographed: a loaded 2-core machine needed over two minutes.
	test.setTimeout(300_000);
	for (const [name, url] of [
		['home', '/'],
		['login', '/login'],
		['register', '/register']
	] as const) {
		await goto(page, url);
		await check(page, testInfo, name);
	}
	await goto(page, '/register');
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page.locator('.error').first()).toBeVisible();
	await check(page, testInfo, 'register-errors');

	await register(page, uniqueEmail(testInfo, 'axe'));
	await check(page, testInfo, 'dashboard');
	await goto(page, '/modules/tranen-in-de-therapiekamer');
	await check(page, testInfo, 'module');
	const links = await page.locator('ol.items a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
	for (const [i, link] of links.entries()) {
		await goto(page, link);
		const kind = (await page.locator('.item-header .kind').innerText()).trim();
		await check(page, testInfo, `item-${i}-${kind}`);
		if (kind === 'Casus') {
			await page.locator('form[action="?/choose"] button[name="choice"]').first().click();
			await expect(page.locator('#gekozen')).toBeVisible();
			await check(page, testInfo, `item-${i}-casus-feedback`);
			await walkVignette(page);
			await check(page, testInfo, `item-${i}-casus-end`);
		}
		if (kind === 'Quiz') {
			const attitude = page.locator('form[action="?/answer"]', { has: page.locator('.likert') }).first();
			await attitude.locator('input[type="radio"]').nth(5).check();
			await attitude.getByRole('button', { name: 'Antwoord geven' }).click();
			await expect(page.getByText(/therapeuten was het met deze stelling eens/)).toBeVisible();
			await check(page, testInfo, `item-${i}-quiz-answered`);
		}
	}
	for (const [name, url] of [
		['sources', '/bronnen'],
		['account', '/account'],
		['my-data', '/my-data'],
		['not-found', '/modules/bestaat-niet']
	] as const) {
		await goto(page, url);
		await check(page, testInfo, name);
	}
});
