import { expect, test } from '@playwright/test';
import { answerQuiz, hasJs, login, logout, openMenu, register, uniqueEmail, walkVignette, writeReflection, goto } from './helpers';

test('a trainee works through module 1, leaves, comes back and finds everything where it was', async ({ page }, testInfo) => {
	const js = hasJs(testInfo);
	const email = uniqueEmail(testInfo, 'pad');
	await register(page, email);
	await expect(page.getByRole('heading', { name: 'Fijn dat je er bent' })).toBeVisible();
	await page.getByRole('link', { name: 'Begin bij module 1' }).click();
	await expect(page.locator('.item-header .kind')).toHaveText('Les');
	await goto(page, '/modules/tranen-in-de-therapiekamer');
	const links = await page.locator('ol.items a').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).pathname));

	const seen = new Set<string>();
	let reflectionText = '';
	for (const link of links) {
		await goto(page, link);
		seen.add(page.url());
		const kind = (await page.locator('.item-header .kind').innerText()).trim();
		if (kind === 'Les') {
			await expect(page.locator('article.lesson')).not.toBeEmpty();
			await page.getByRole('button', { name: /^Gelezen/ }).click();
			await page.waitForURL((u) => u.pathname !== link);
		} else if (kind === 'Casus') {
			expect(await walkVignette(page)).toBeGreaterThanOrEqual(2);
			const reflection = page.locator('form[action="?/reflect"]');
			if ((await reflection.count()) > 0) await writeReflection(page, 'Casusreflectie', js);
		} else if (kind === 'Quiz') {
			expect(await answerQuiz(page, js)).toBeGreaterThanOrEqual(4);
			await expect(page.getByRole('heading', { name: 'Quiz afgerond' })).toBeVisible();
			await expect(page.getByText(/van de \d+ therapeuten was het met deze stelling eens/).first()).toBeVisible();
		} else if (kind === 'Reflectie') {
			reflectionText = `Mijn eigen reflectie, ${Date.now()}\nmet een tweede regel.`;
			await writeReflection(page, reflectionText, js);
		}
	}
	expect(seen.size).toBeGreaterThanOrEqual(4);
	expect(reflectionText).not.toBe('');

	await goto(page, '/dashboard');
	const firstModule = page.getByRole('progressbar').first();
	const total = Number(await firstModule.getAttribute('aria-valuemax'));
	await expect(firstModule).toHaveAttribute('aria-valuenow', String(total));

	// Another day: log out, log in, and everything is still there.
	await logout(page);
	await login(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	await expect(page.getByRole('progressbar').first()).toHaveAttribute('aria-valuenow', String(total));
	await openMenu(page);
	await page.getByRole('button', { name: 'Uitloggen' }).waitFor();
	const reflectionUrl = [...seen].find((u) => u.includes('reflectie'));
	expect(reflectionUrl).toBeTruthy();
	await goto(page, reflectionUrl ?? '/');
	await expect(page.getByLabel('Jouw reflectie')).toHaveValue(reflectionText);
});

test('resume takes the learner back to the exact vignette step', async ({ page }, testInfo) => {
	const email = uniqueEmail(testInfo, 'resume');
	await register(page, email);
	await goto(page, '/modules/tranen-in-de-therapiekamer');
	await page
		.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Casus' }) })
		.locator('a')
		.first()
		.click();
	await expect(page.locator('form[action="?/choose"]')).toBeVisible();
	const vignetteUrl = page.url();
	const choice = page.locator('form[action="?/choose"] button[name="choice"]').first();
	const chosen = (await choice.innerText()).trim();
	await choice.click();
	await expect(page.locator('#gekozen .choice-text')).toHaveText(chosen);
	const stepText = (await page.locator('.step .narrative').innerText()).trim();

	await logout(page);
	await login(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	await page.getByRole('link', { name: 'Verder', exact: true }).click();
	await expect(page).toHaveURL(vignetteUrl);
	await expect(page.locator('#gekozen .choice-text')).toHaveText(chosen);
	await expect(page.locator('.step .narrative')).toHaveText(stepText);
});

test('the language switch changes the interface and is remembered for the user', async ({ page }, testInfo) => {
	const email = uniqueEmail(testInfo, 'taal');
	await register(page, email);
	await page.getByRole('button', { name: /English/ }).click();
	await expect(page.getByRole('heading', { name: 'Modules' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	// On a phone the links are behind the menu: open it once the new page is there, not on the one leaving.
	await openMenu(page);
	await expect(page.getByRole('link', { name: 'Dashboard' })).toBeVisible();
	await page.getByRole('button', { name: 'Log out' }).click();
	// Cookies cleared once the logout has landed, not while its response may still set them.
	await page.waitForURL(/\/login$/);
	await page.context().clearCookies();
	await login(page, email);
	await expect(page).toHaveURL(/\/dashboard$/);
	await openMenu(page);
	await expect(page.getByRole('link', { name: 'Dashboard' })).toBeVisible();
	await page.getByRole('button', { name: /Nederlands/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
	await openMenu(page);
	await expect(page.getByRole('link', { name: 'Overzicht' })).toBeVisible();
});
