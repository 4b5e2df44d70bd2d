import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { axeCheck } from './axe';
import { goto, hasJs, register, uniqueEmail } from './helpers';

async function newMember(browser: Browser, testInfo: TestInfo, label: string, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await register(page, uniqueEmail(testInfo, label), name);
	return page;
}

/** Through the groups pages: the facilitator makes a group, invites, and the member joins. */
async function groupWithMember(facilitator: Page, member: Page, name: string): Promise<string> {
	await goto(facilitator, '/groups');
	await facilitator.getByLabel('Naam van de groep').fill(name);
	await facilitator.getByRole('button', { name: 'Groep beginnen' }).click();
	await facilitator.waitForURL(/\/groups\/[0-9a-f-]{36}\?created=1$/);
	const groupUrl = new URL(facilitator.url()).pathname;
	await facilitator.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	const invite = await facilitator.getByLabel('Uitnodigingslink').inputValue();
	expect(invite).toMatch(/\/groups\/join\/[a-z2-7]{32}$/);
	await goto(member, new URL(invite).pathname);
	await member.getByRole('button', { name: 'Deelnemen' }).click();
	await member.waitForURL(new RegExp(`${groupUrl}`));
	return groupUrl;
}

async function post(page: Page, text: string): Promise<void> {
	const form = page.locator('section.new');
	await form.getByLabel('Je bijdrage').fill(text);
	await form.getByRole('button', { name: 'Plaatsen' }).click();
}

test('a post appears live for another member, posts and replies work, over-long text is kept, outsiders get 404', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const js = hasJs(testInfo);
	const fien = await newMember(browser, testInfo, 'fien', 'Fien Facilitator');
	const bram = await newMember(browser, testInfo, 'bram', 'Bram Lid');
	const olaf = await newMember(browser, testInfo, 'olaf', 'Olaf Buiten');
	const groupUrl = await groupWithMember(fien, bram, `Intervisie ${testInfo.project.name} ${Date.now()}`);
	const discussion = `${groupUrl}/discussion`;

	await goto(fien, discussion);
	await goto(bram, discussion);
	await expect(bram.getByRole('heading', { name: 'Bespreking', level: 1 })).toBeVisible();
	await expect(bram.getByText('Nog geen bijdragen.')).toBeVisible();
	if (js) {
		await expect(bram.getByText('Nieuwe bijdragen van anderen zie je na het vernieuwen')).toBeHidden();
		await bram.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
	} else {
		await expect(bram.getByText('Nieuwe bijdragen van anderen zie je na het vernieuwen')).toBeVisible();
	}

	// Posting (without JavaScript too): line breaks stay, the text is shown as text, never as HTML.
	const first = `Wat deed het met jullie?\nIk werd zelf ontroerd. <b>niet vet</b>`;
	await post(fien, first);
	await expect(fien.locator('article.post p.body').first()).toHaveText(first);
	await expect(fien.locator('article.post b')).toHaveCount(0);
	await expect(fien.getByLabel('Je bijdrage')).toHaveValue('');

	if (js) {
		// Live: Bram's open page shows Fien's post without a reload.
		await expect(bram.locator('article.post p.body').first()).toHaveText(first, { timeout: 10_000 });
		expect(await bram.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
	} else {
		await bram.reload();
		await expect(bram.locator('article.post p.body').first()).toHaveText(first);
	}

	// A reply, one level deep.
	const thread = bram.locator('article.post').first();
	await thread.locator('summary').first().click();
	await thread.getByLabel('Je reactie op Fien Facilitator').fill('Ik ook, bij de tweede keuze.');
	await thread.getByRole('button', { name: 'Reactie plaatsen' }).click();
	await expect(bram.locator('ol.replies p.body')).toHaveText('Ik ook, bij de tweede keuze.');

	// Too long: a clear message, and the text is still there.
	const long = 'x'.repeat(5001);
	await post(bram, long);
	await expect(bram.getByRole('alert')).toContainText('hoogstens 5.000 tekens; deze heeft er 5001');
	await expect(bram.locator('section.new').getByLabel('Je bijdrage')).toHaveValue(long);
	await post(bram, '   ');
	await expect(bram.getByRole('alert')).toContainText('Schrijf eerst iets');

	// Edit and remove one's own post; others see "removed".
	await goto(bram, discussion);
	const mine = bram.locator('ol.replies article.post').first();
	await mine.getByRole('link', { name: /Bewerken/ }).click();
	await bram.getByLabel('Je bijdrage bewerken').fill('Ik ook, bij de tweede keuze. (aangevuld)');
	await bram.getByRole('button', { name: 'Wijziging opslaan' }).click();
	await expect(bram.locator('ol.replies p.body')).toHaveText('Ik ook, bij de tweede keuze. (aangevuld)');
	await expect(bram.locator('ol.replies')).toContainText('bewerkt');
	await expect(
		bram
			.locator('article.post')
			.first()
			.getByRole('link', { name: /Bewerken/ })
	).toHaveCount(1); // only his own reply
	await bram
		.locator('ol.replies')
		.getByRole('link', { name: /Bewerken/ })
		.click();
	await bram.getByRole('button', { name: 'Bijdrage verwijderen' }).click();
	await expect(bram.locator('ol.replies')).toContainText('Deze bijdrage is verwijderd.');
	await goto(fien, discussion);
	await expect(fien.locator('ol.replies')).toContainText('Deze bijdrage is verwijderd.');
	await expect(fien.locator('ol.replies')).not.toContainText('aangevuld');

	if (js) await axeCheck(fien, testInfo, 'group-discussion');

	// An outsider guessing the address gets 404, for the page, its actions and the event stream.
	const headers = { accept: 'text/html', origin: new URL(olaf.url()).origin };
	expect((await olaf.request.get(discussion, { maxRedirects: 0, headers })).status()).toBe(404);
	expect((await olaf.request.get(`${discussion}/events`, { maxRedirects: 0 })).status()).toBe(404);
	expect((await olaf.request.post(`${discussion}?/post`, { maxRedirects: 0, headers, form: { body: 'ingebroken' } })).status()).toBe(404);
	expect((await olaf.request.get(`${groupUrl}/meeting`, { maxRedirects: 0, headers })).status()).toBe(404);
	await goto(fien, discussion);
	await expect(fien.locator('main')).not.toContainText('ingebroken');
});

test('the facilitator runs the meeting and saves notes; a member reads them and cannot change them', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const fien = await newMember(browser, testInfo, 'fien', 'Fien Facilitator');
	const bram = await newMember(browser, testInfo, 'bram', 'Bram Lid');
	const groupUrl = await groupWithMember(fien, bram, `Bijeenkomst ${testInfo.project.name} ${Date.now()}`);
	const meeting = `${groupUrl}/meeting`;

	await goto(fien, meeting);
	await expect(fien.getByRole('heading', { name: 'Nog niet begonnen' })).toBeVisible();
	await fien.getByRole('button', { name: 'Bijeenkomst beginnen' }).click();
	await expect(fien.getByRole('heading', { name: 'Casus kiezen', level: 2 })).toBeVisible();
	await expect(fien.getByRole('timer')).toHaveText(/^00:0\d$/);
	await fien.getByLabel('Aantekeningen bij: Casus kiezen').fill('Bram brengt in:\nhuilen bij de eerste sessie.');
	await fien.getByRole('button', { name: 'Aantekeningen opslaan' }).click();
	await expect(fien.getByText('Aantekeningen opgeslagen.')).toBeVisible();
	await fien.getByRole('button', { name: 'Volgende fase' }).click();
	await expect(fien.getByRole('heading', { name: 'Casus inbrengen', level: 2 })).toBeVisible();
	await expect(fien.getByRole('listitem').filter({ hasText: 'Casus inbrengen (nu)' })).toHaveAttribute('aria-current', 'step');
	if (hasJs(testInfo)) {
		await expect(fien.getByRole('timer')).toHaveText(/^00:0[2-9]$/, { timeout: 8_000 });
		await axeCheck(fien, testInfo, 'group-meeting');
	}

	await goto(bram, meeting);
	await expect(bram.getByRole('heading', { name: 'Casus inbrengen', level: 2 })).toBeVisible();
	await expect(bram.locator('#notes')).toContainText('Bram brengt in:\nhuilen bij de eerste sessie.');
	await expect(bram.getByRole('button', { name: 'Volgende fase' })).toHaveCount(0);
	await expect(bram.getByLabel(/Aantekeningen bij/)).toHaveCount(0);
	const headers = { accept: 'text/html', origin: new URL(bram.url()).origin };
	const refused = await bram.request.post(`${meeting}?/notes`, { maxRedirects: 0, headers, form: { phase: 'present', notes: 'door een lid' } });
	expect(refused.status()).toBe(403);
	expect(await refused.text()).toContain('Alleen de gespreksleider');
	expect((await bram.request.post(`${meeting}?/next`, { maxRedirects: 0, headers, form: { from: 'present' } })).status()).toBe(403);
	await goto(bram, meeting);
	await expect(bram.getByRole('heading', { name: 'Casus inbrengen', level: 2 })).toBeVisible();
	await expect(bram.locator('#notes')).not.toContainText('door een lid');
});
