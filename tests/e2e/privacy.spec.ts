import { expect, test } from '@playwright/test';
import { axeCheck, axeCheckWithoutScripts } from './axe';
import { goto, hasJs } from './helpers';

test('the privacy page says what is kept, why, who sees it and for how long, in Dutch and English, and is reachable from every page', async ({
	page
}, testInfo) => {
	await goto(page, '/');
	await page.getByRole('contentinfo').getByRole('link', { name: 'Privacy: wat we bewaren en hoe lang' }).click();
	await expect(page).toHaveURL(/\/privacy$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Privacy' })).toBeVisible();
	for (const heading of [
		'Je account',
		'Studietijd',
		'Leerregistraties (xAPI)',
		'Je leeromgeving (LTI)',
		'Reflecties',
		'Wie jouw werk las',
		'Inlogsessies',
		'Tellers tegen raden',
		'Links per e-mail',
		'Herhaalsleutels',
		'Serverlogboek'
	]) {
		await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
	}
	// The figures are the purge's own constants (src/lib/server/retention.ts).
	await expect(page.locator('#sessions')).toContainText('na 12 uur zonder gebruik, of 30 dagen met ‘Onthoud mij’, en altijd na 30 dagen');
	await expect(page.locator('#throttle')).toContainText('Gewist na 24 uur zonder pogingen');
	await expect(page.locator('#write-keys')).toContainText('Gewist na 7 dagen');
	await expect(page.locator('#logs')).toContainText('Hoogstens 90 dagen');
	// Study time: the clocks' own constants (src/lib/server/learning/study-time.ts).
	await expect(page.locator('#study-time')).toContainText('hooguit elke 30 seconden');
	await expect(page.locator('#study-time')).toContainText('in de laatste 2 minuten');
	await expect(page.locator('#study-time')).toContainText('minstens 5 cursisten');
	await expect(page.getByRole('link', { name: 'Naar Mijn gegevens' })).toHaveAttribute('href', '/my-data');

	await goto(page, '/register');
	await expect(page.getByRole('link', { name: 'Lees wat we van je bewaren, waarom en hoe lang' })).toHaveAttribute('href', '/privacy');

	const english = await page.request.get('/privacy', { headers: { cookie: 'PARAGLIDE_LOCALE=en', accept: 'text/html' } });
	expect(english.status()).toBe(200);
	expect(await english.text()).toContain('Erased after 24 hours without attempts');

	if (hasJs(testInfo)) {
		for (const width of [1280, 390]) {
			await page.setViewportSize({ width, height: 800 });
			await goto(page, '/privacy');
			await axeCheck(page, testInfo, `privacy-${width}`);
			// Nothing sticks out sideways on a phone.
			expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
		}
		await axeCheckWithoutScripts(page, testInfo, '/privacy', 'privacy');
	}
});
