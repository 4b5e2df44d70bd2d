import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { axeCheck } from './axe';
import { PASSWORD, goto, hasJs, linkIn, login, logout, mailsTo, register, submitRegistration, uniqueEmail, waitForMail } from './helpers';

const NEW_PASSWORD = 'een nieuwe kalme zomerzin';

/** axe needs JavaScript; the pages are the same server-rendered HTML in both projects. */
async function axe(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	if (hasJs(testInfo)) await axeCheck(page, testInfo, name);
}

test('a forgotten password is reset by the mailed link: once, ending every session; an unknown address gets the same page', async ({
	page,
	browser
}, testInfo) => {
	test.setTimeout(90_000);
	const email = uniqueEmail(testInfo, 'vergeten');
	await register(page, email, 'Vera Vergeten');
	const elsewhere = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	const other = await elsewhere.newPage();
	await login(other, email);
	await expect(other).toHaveURL(/\/dashboard$/);
	await logout(page);

	const ask = async (address: string) => {
		await goto(page, '/login');
		await page.getByRole('link', { name: 'Wachtwoord vergeten?' }).click();
		await expect(page).toHaveURL(/\/reset$/);
		await axe(page, testInfo, 'reset-request');
		await page.getByLabel('E-mailadres').fill(address);
		await page.getByRole('button', { name: 'Link versturen' }).click();
		await expect(page).toHaveURL(/\/reset\/sent$/);
		return page.getByRole('status').innerText();
	};
	const unknown = uniqueEmail(testInfo, 'onbekend');
	expect(await ask(unknown)).toBe(await ask(email));
	expect(await ask(email)).toContain('Als er een account bij dit e-mailadres hoort');
	await axe(page, testInfo, 'reset-sent');

	const mail = await waitForMail(email, 3); // the confirmation, then two reset mails
	expect(mail.subject).toBe('Nieuw wachtwoord voor Ontroerd');
	const older = linkIn(await waitForMail(email, 2), '/reset/');
	const link = linkIn(mail, '/reset/');
	await goto(page, older);
	await expect(page.getByRole('alert')).toContainText('al gebruikt, of vervangen door een nieuwere');
	await axe(page, testInfo, 'reset-link-used');

	await goto(page, link);
	await page.getByLabel('Nieuw wachtwoord').fill('wachtwoord123');
	await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(page.getByText('Dit wachtwoord is te makkelijk te raden')).toBeVisible();
	await axe(page, testInfo, 'reset-weak');
	await page.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
	await page.getByRole('button', { name: 'Wachtwoord opslaan' }).click();
	await expect(page).toHaveURL(/\/login\?reset=done$/);
	await expect(page.getByRole('status')).toContainText('Je wachtwoord is gewijzigd');
	await axe(page, testInfo, 'login-after-reset');

	await goto(other, '/dashboard');
	await expect(other).toHaveURL(/\/login/); // the other session has ended
	await elsewhere.close();
	await login(page, email, PASSWORD);
	await expect(page.getByRole('alert')).toContainText('horen niet bij elkaar');
	await login(page, email, NEW_PASSWORD);
	await expect(page).toHaveURL(/\/dashboard$/);

	await goto(page, link);
	await expect(page.getByRole('alert')).toContainText('al gebruikt');
	expect(mailsTo(unknown)).toHaveLength(0);
});

test('asking a reset answers a known and an unknown address alike on the wire', async ({ request, baseURL, page }, testInfo) => {
	test.skip(!hasJs(testInfo), 'one run is enough: this test posts directly');
	const email = uniqueEmail(testInfo, 'draad');
	await register(page, email, 'Draad');
	const post = (address: string) =>
		request.post('/reset', { headers: { origin: baseURL ?? '', accept: 'text/html' }, form: { email: address }, maxRedirects: 0 });
	const [known, unknown] = [await post(email), await post(uniqueEmail(testInfo, 'niemand'))];
	expect([known.status(), known.headers()['location']]).toEqual([303, '/reset/sent']);
	expect([unknown.status(), unknown.headers()['location']]).toEqual([303, '/reset/sent']);
	expect(await unknown.text()).toBe(await known.text());
	await waitForMail(email, 2);
});

test('the e-mail address changes only through the link sent to the new address, after the password', async ({ page, browser }, testInfo) => {
	const email = uniqueEmail(testInfo, 'oud');
	const taken = uniqueEmail(testInfo, 'bezet');
	const fresh = uniqueEmail(testInfo, 'nieuw');
	await register(page, taken, 'Bezet');
	await logout(page);
	await register(page, email, 'Otto Oud');
	const form = page.locator('form[action="?/email"]');
	const change = async (address: string, password: string) => {
		await goto(page, '/account');
		await form.getByLabel('Nieuw e-mailadres').fill(address);
		await form.getByLabel('Huidig wachtwoord').fill(password);
		await form.getByRole('button', { name: 'Bevestigingslink sturen' }).click();
	};
	await change(fresh, 'niet mijn wachtwoord');
	await expect(page.locator('#emailPassword-error')).toContainText('klopt niet');
	await axe(page, testInfo, 'account-email-error');
	await change(taken, PASSWORD);
	await expect(page.getByRole('status')).toContainText('Kijk in de mailbox van het nieuwe adres');
	await change(fresh, PASSWORD);
	await expect(page.getByRole('status')).toContainText('Kijk in de mailbox van het nieuwe adres');

	const notice = await waitForMail(email, 3); // confirmation, then a notice per request
	expect(notice.text).toContain(fresh.toLowerCase());
	expect(mailsTo(taken)).toHaveLength(1); // its own confirmation only
	const link = linkIn(await waitForMail(fresh), '/account/email/');
	await goto(page, '/account');
	await expect(page.getByText(`Otto Oud · ${email}`)).toBeVisible(); // not changed yet

	const elsewhere = await browser.newContext({ javaScriptEnabled: hasJs(testInfo) });
	const other = await elsewhere.newPage();
	await goto(other, link);
	await axe(other, testInfo, 'email-confirm');
	await other.getByRole('button', { name: 'Adres bevestigen' }).click();
	await expect(other.getByRole('status')).toContainText('Je e-mailadres is gewijzigd');
	await axe(other, testInfo, 'email-confirmed');
	await goto(other, link);
	await expect(other.getByRole('alert')).toContainText('al gebruikt');
	await login(other, fresh);
	await expect(other).toHaveURL(/\/dashboard$/);
	await elsewhere.close();
});

test('the developer mailbox does not exist in the production build', async ({ request }) => {
	expect((await request.get('/dev/mailbox')).status()).toBe(404);
});

test('the registration pages on the way through the mail are axe-clean', async ({ page }, testInfo) => {
	test.skip(!hasJs(testInfo), 'axe needs JavaScript');
	const email = uniqueEmail(testInfo, 'axe-mail');
	await submitRegistration(page, email, 'Axel Mail');
	await axeCheck(page, testInfo, 'register-sent');
	await goto(page, linkIn(await waitForMail(email), '/register/confirm/'));
	await axeCheck(page, testInfo, 'register-confirm');
	await goto(page, '/register/confirm/onzin');
	await expect(page.getByRole('alert')).toContainText('Deze link klopt niet');
	await axeCheck(page, testInfo, 'register-confirm-invalid');
});
