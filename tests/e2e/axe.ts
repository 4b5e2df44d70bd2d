import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, type TestInfo } from '@playwright/test';

/** No WCAG 2.2 AA violations on the page as it is; a screenshot for a person to look at. */
export async function axeCheck(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
	const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
	expect(summary, `${name} (${page.url()})`).toEqual([]);
	await page.screenshot({ path: `test-results/screenshots/${testInfo.project.name}-${name}.png`, fullPage: true });
}

/**
 * The page as a browser without JavaScript gets it: the server's HTML with every script removed.
 * (axe itself needs JavaScript, so it runs in a scripting page whose document has no app scripts.)
 */
export async function axeCheckWithoutScripts(page: Page, testInfo: TestInfo, url: string, name: string): Promise<void> {
	await page.route('**/*', async (route) => {
		if (route.request().resourceType() !== 'document') return route.continue();
		const response = await route.fetch();
		const body = (await response.text()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
		await route.fulfill({ response, body });
	});
	try {
		await page.goto(url);
		expect(await page.locator('script').count()).toBe(0);
		await axeCheck(page, testInfo, `noscript-${name}`);
	} finally {
		await page.unrouteAll({ behavior: 'ignoreErrors' });
	}
}
