import { expect, test } from '@playwright/test';
import { goto, register, uniqueEmail, walkVignette } from './helpers';

test('every vignette of the course can be walked to an ending, with feedback at every decision point', async ({ page }, testInfo) => {
	test.setTimeout(360_000);
	await register(page, uniqueEmail(testInfo, 'cursus'));
	const modules = await page.locator('ol.modules h3 a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
	expect(modules.length).toBe(5);
	const vignettes: string[] = [];
	for (const module of modules) {
		await goto(page, module);
		const links = page.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Casus' }) }).locator('a');
		vignettes.push(...(await links.evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname))));
	}
	expect(vignettes.length).toBeGreaterThanOrEqual(15);
	for (const [i, vignette] of vignettes.entries()) {
		await goto(page, vignette);
		// Take a different branch in different vignettes: the last choice in odd ones, the first in even ones.
		const decisions = await walkVignette(page, i % 2 === 0 ? 0 : 2);
		expect(decisions, vignette).toBeGreaterThanOrEqual(2);
		await expect(page.locator('.summary li')).toHaveCount(decisions);
	}
});
