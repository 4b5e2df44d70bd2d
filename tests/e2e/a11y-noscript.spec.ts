import { test } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { axeCheckWithoutScripts } from './axe';
import { goto, login, register, uniqueEmail } from './helpers';

test('every page as served without JavaScript is axe-clean', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const learner = await (await browser.newContext()).newPage();
	for (const [name, url] of [
		['home', '/'],
		['login', '/login'],
		['register', '/register']
	] as const) {
		await axeCheckWithoutScripts(learner, testInfo, url, name);
	}
	await register(learner, uniqueEmail(testInfo, 'noscript'));
	await goto(learner, '/modules/tranen-in-de-therapiekamer');
	const items = await learner.locator('ol.items a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));
	const pages: [string, string][] = [
		['dashboard', '/dashboard'],
		['module', '/modules/tranen-in-de-therapiekamer'],
		...items.map((url, i): [string, string] => [`item-${i}`, url]),
		['sources', '/bronnen'],
		['account', '/account'],
		['my-data', '/my-data'],
		['groups', '/groups'],
		['not-found', '/modules/bestaat-niet']
	];
	for (const [name, url] of pages) await axeCheckWithoutScripts(learner, testInfo, url, name);

	const supervisor = await (await browser.newContext()).newPage();
	await login(supervisor, SUPERVISOR_ONE, SUPERVISOR_PASSWORD);
	await supervisor.waitForURL(/\/dashboard$/);
	await axeCheckWithoutScripts(supervisor, testInfo, '/supervisor', 'supervisor');
});
