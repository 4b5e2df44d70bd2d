import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const PASSWORD = 'een rustige lange zin';

export function uniqueEmail(testInfo: TestInfo, label: string): string {
	return `${label}-${testInfo.project.name}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.nl`;
}

export function hasJs(testInfo: TestInfo): boolean {
	return testInfo.project.use.javaScriptEnabled !== false;
}

/** Opens a page and, where JavaScript runs, waits until it is hydrated (typing before that is lost). */
export async function goto(page: Page, url: string) {
	const response = await page.goto(url);
	if (hasJs(test.info())) await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
	return response;
}

export type SentMail = { to: string; subject: string; text: string };

/** The mails the server wrote to MAIL_DIR (see playwright.config.ts), oldest first. */
export function mailsTo(address: string, dir = process.env.E2E_MAIL_DIR ?? ''): SentMail[] {
	return readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as { to: { address: string }[]; subject: string; text: string })
		.filter((mail) => mail.to.some((a) => a.address === address.toLowerCase()))
		.map((mail) => ({ to: address, subject: mail.subject, text: mail.text }));
}

/** Waits for the `count`-th mail to this address (it is sent after the answer) and returns it. */
export async function waitForMail(address: string, count = 1, dir?: string): Promise<SentMail> {
	let mails: SentMail[] = [];
	await expect.poll(() => (mails = mailsTo(address, dir)).length, { timeout: 10_000, message: `mail ${count} to ${address}` }).toBeGreaterThanOrEqual(count);
	return mails[count - 1]!;
}

/** The path of the link in a mail that starts with `prefix` ('/reset/', '/register/confirm/', …). */
export function linkIn(mail: SentMail, prefix: string): string {
	const link = mail.text
		.match(/https?:\/\/\S+/g)
		?.map((l) => new URL(l))
		.find((l) => l.pathname.startsWith(prefix));
	if (!link) throw new Error(`no ${prefix} link in: ${mail.text}`);
	return link.pathname;
}

/** Fills in the registration form and submits it; the answer is "check your mailbox" for every address. */
export async function submitRegistration(page: Page, email: string, name = 'Test Deelnemer', password = PASSWORD, redirectTo?: string): Promise<void> {
	await goto(page, redirectTo ? `/register?redirectTo=${encodeURIComponent(redirectTo)}` : '/register');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Naam (zoals anderen je zien)').fill(name);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Account maken' }).click();
	await expect(page).toHaveURL(/\/register\/sent$/);
	await expect(page.getByRole('heading', { name: 'Kijk in je mailbox' })).toBeVisible();
}

/** Registers through the form and the link in the confirmation mail, and lands signed in on `redirectTo` (or the dashboard). */
export async function register(page: Page, email: string, name = 'Test Deelnemer', redirectTo?: string): Promise<void> {
	await submitRegistration(page, email, name, PASSWORD, redirectTo);
	await goto(page, linkIn(await waitForMail(email), '/register/confirm/'));
	await expect(page.getByRole('heading', { name: 'Account bevestigen' })).toBeVisible();
	await page.getByRole('button', { name: 'Account bevestigen' }).click();
	await expect(page).toHaveURL(redirectTo ?? /\/dashboard$/);
}

export async function login(page: Page, email: string, password = PASSWORD): Promise<void> {
	await goto(page, '/login');
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(password);
	await page.getByRole('button', { name: 'Inloggen' }).click();
}

/** On a narrow screen the navigation sits behind its Menu button: open it (nothing to do on a wide one). */
export async function openMenu(page: Page): Promise<void> {
	const menu = page.getByRole('navigation', { name: /^(Hoofdmenu|Main menu)$/ }).locator('summary');
	if ((await menu.isVisible()) && (await menu.locator('xpath=..').getAttribute('open')) === null) await menu.click();
}

export async function logout(page: Page): Promise<void> {
	await openMenu(page);
	await page.getByRole('button', { name: 'Uitloggen' }).click();
	await expect(page).toHaveURL(/\/login$/);
}

/** Walks the current vignette by always taking the choice at `pick` (wrapping), checking feedback at every step. */
export async function walkVignette(page: Page, pick = 0): Promise<number> {
	let decisions = 0;
	while (decisions < 20) {
		const choices = page.locator('form[action="?/choose"] button[name="choice"]');
		if ((await choices.count()) === 0) break;
		const choice = choices.nth(pick % (await choices.count()));
		const text = (await choice.innerText()).trim();
		await choice.click();
		decisions++;
		await expect(page.locator('#gekozen .choice-text')).toHaveText(text);
		await expect(page.locator('#gekozen .feedback')).not.toBeEmpty();
	}
	await expect(page.getByRole('heading', { name: 'Jouw pad door deze casus' })).toBeVisible();
	return decisions;
}

/** Writes a reflection and saves it: with JavaScript by autosave, without by the button. */
export async function writeReflection(page: Page, text: string, js: boolean, index = 0): Promise<void> {
	const form = page.locator('form[action="?/reflect"]').nth(index);
	await form.getByLabel('Jouw reflectie').fill(text);
	if (js) await expect(form.getByRole('status')).toContainText('Opgeslagen om', { timeout: 10_000 });
	else {
		await form.getByRole('button', { name: 'Opslaan' }).click();
		await expect(page.locator('form[action="?/reflect"]').nth(index).getByRole('status')).toContainText('Opgeslagen om');
	}
}

/** Answers every open question of the quiz on the page with a valid answer. */
export async function answerQuiz(page: Page, js: boolean): Promise<number> {
	let answered = 0;
	for (let guard = 0; guard < 30; guard++) {
		const form = page.locator('form[action="?/answer"]').first();
		if ((await form.count()) === 0) break;
		const question = await form.locator('input[name="question"]').inputValue();
		const radios = form.locator('input[type="radio"]');
		const boxes = form.locator('input[type="checkbox"]');
		const number = form.locator('input[type="number"]');
		if ((await radios.count()) > 0) await radios.nth(Math.min(4, (await radios.count()) - 1)).check();
		else if ((await boxes.count()) > 0) await boxes.first().check();
		else {
			const min = Number(await number.getAttribute('min'));
			const max = Number(await number.getAttribute('max'));
			await number.fill(String(Math.round((min + max) / 2)));
		}
		await form.getByRole('button', { name: 'Antwoord geven' }).click();
		// The answered prompt, not only the form's absence: without JavaScript the form is also absent while the next
		// page loads, and the loop then stopped with questions left (seen once under load in the nojs project).
		await expect(page.locator(`#q-${question}-prompt`)).toBeVisible();
		await expect(page.locator(`#q-${question} form[action="?/answer"]`)).toHaveCount(0);
		// Without JavaScript the answer reloads the page: count the next forms once it is parsed to the end, not halfway.
		if (!js) await page.waitForLoadState('load');
		answered++;
	}
	const reflections = page.locator('form[action="?/reflect"]');
	for (let i = 0; i < (await reflections.count()); i++) await writeReflection(page, `Quizreflectie ${i}`, js, i);
	return answered;
}
