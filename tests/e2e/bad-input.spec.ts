import { expect, test, type APIResponse, type Browser, type Page, type TestInfo } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { PASSWORD, goto, hasJs, login, register, uniqueEmail } from './helpers';

const MODULE = '/modules/tranen-in-de-therapiekamer';
const REFLECTION = `${MODULE}/reflectie-wat-jou-raakt`;

test.describe("bad input gets a clear 4xx in the learner's language and loses nothing", () => {
	test('malformed posts, unknown ids, wrong content types, unknown pages', async ({ page }, testInfo) => {
		await register(page, uniqueEmail(testInfo, 'bad'));
		const request = page.request;
		const headers = { accept: 'text/html', origin: new URL(page.url()).origin };

		// Something saved first, which no bad request may touch.
		const saved = await request.post(`${REFLECTION}?/reflect`, { headers, form: { key: 'reflectie-wat-jou-raakt', body: 'bewaard', version: '0' } });
		expect(saved.status()).toBe(200);

		const vignette = await goto(page, MODULE).then(() =>
			page
				.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Casus' }) })
				.locator('a')
				.first()
				.getAttribute('href')
		);
		const unknownChoice = await request.post(`${vignette}?/choose`, { headers, form: { step: 'bestaat-niet', choice: 'ook-niet' } });
		expect(unknownChoice.status()).toBe(400);
		expect(await unknownChoice.text()).toContain('Deze keuze bestaat niet bij deze stap');

		const quiz = await page
			.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Quiz' }) })
			.locator('a')
			.first()
			.getAttribute('href');
		const unknownQuestion = await request.post(`${quiz}?/answer`, { headers, form: { question: 'nep', answer: 'a' } });
		expect(unknownQuestion.status()).toBe(400);
		expect(await unknownQuestion.text()).toContain('Deze vraag bestaat niet in deze quiz');

		const wrongKey = await request.post(`${REFLECTION}?/reflect`, { headers, form: { key: 'iemand-anders', body: 'x', version: 'abc' } });
		expect(wrongKey.status()).toBe(400);
		expect(await wrongKey.text()).toContain('Dit verzoek kunnen we niet verwerken');

		const json = await request.post(`${REFLECTION}?/reflect`, {
			headers: { ...headers, 'content-type': 'application/json' },
			data: '{"key":"reflectie-wat-jou-raakt"}'
		});
		expect(json.status()).toBeGreaterThanOrEqual(400);
		expect(json.status()).toBeLessThan(500);

		const garbage = await request.post(`${REFLECTION}?/reflect`, {
			headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' },
			data: 'niet echt multipart'
		});
		expect(garbage.status()).toBeGreaterThanOrEqual(400);
		expect(garbage.status()).toBeLessThan(500);
		expect(await garbage.text()).toContain('Dit verzoek kunnen we niet verwerken');

		const wrongType = await request.post(`${REFLECTION}?/choose`, { headers, form: { step: 'a', choice: 'b' } });
		expect(wrongType.status()).toBe(400);

		for (const url of [`${MODULE}/bestaat-niet`, '/modules/bestaat-niet', '/modules/NIET..GELDIG/x']) {
			const response = await goto(page, url);
			expect(response?.status()).toBe(404);
			await expect(page.getByText('Deze pagina bestaat niet (meer).')).toBeVisible();
		}

		await goto(page, REFLECTION);
		await expect(page.getByLabel('Jouw reflectie')).toHaveValue('bewaard');
		const health = await request.get('/healthz');
		expect(health.status()).toBe(200);
	});

	test('a wrong answer in the quiz form keeps the page and says what to do', async ({ page }, testInfo) => {
		await register(page, uniqueEmail(testInfo, 'quizfout'));
		await goto(page, MODULE);
		await page
			.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Quiz' }) })
			.locator('a')
			.first()
			.click();
		const form = page.locator('form[action="?/answer"]').first();
		const question = await form.locator('input[name="question"]').inputValue();
		await form.getByRole('button', { name: 'Antwoord geven' }).click();
		await expect(page.locator(`#q-${question} .error`)).toContainText(/Kies|Vul een getal in/);
	});

	test('logged out, learning pages send the visitor to the login page and come back after', async ({ page }, testInfo) => {
		const response = await goto(page, REFLECTION);
		expect(response?.status()).toBe(200);
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		const post = await page.request.post(`${REFLECTION}?/reflect`, {
			headers: { accept: 'text/html', origin: new URL(page.url()).origin },
			form: { key: 'reflectie-wat-jou-raakt', body: 'x', version: '0' },
			maxRedirects: 0
		});
		expect([303, 401, 403]).toContain(post.status());
		testInfo.annotations.push({ type: 'status', description: String(post.status()) });
	});
});

/**
 * Control characters and broken UTF-16 in every text field: a NUL made PostgreSQL refuse the statement
 * (a 500). Lone surrogates cannot travel in UTF-8, so they go as the bytes a careless client would send
 * for them (CESU-8), which the server decodes to U+FFFD. Posted raw, so no browser cleans anything first.
 */
const BAD_TEXT = 'Tekst\u0000 met\u0001\u0008\u000b\u000c\u001b[31m\u007f\u0085 en meer';
const BAD = `${encodeURIComponent(BAD_TEXT)}%ED%A0%80%ED%B0%80`;
/** As stored: the controls gone, each broken byte one U+FFFD. */
const CLEAN_TEXT = /^Tekst met\[31m en meer\uFFFD+$/;
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);

/** Posts the fields, those given as `null` with the hostile text, and asserts the answer is no 5xx. */
async function postBad(page: Page, url: string, fields: Record<string, string | null>): Promise<APIResponse> {
	const data = Object.entries(fields)
		.map(([key, value]) => `${key}=${value === null ? BAD : encodeURIComponent(value)}`)
		.join('&');
	const origin = new URL(page.url()).origin;
	const headers = { accept: 'text/html', origin, 'content-type': 'application/x-www-form-urlencoded' };
	const response = await page.request.post(url, { headers, data, maxRedirects: 0 });
	const hostile = Object.keys(fields).filter((key) => fields[key] === null);
	expect.soft(response.status(), `${url} with hostile ${hostile.join(', ')}`).toBeLessThan(500);
	return response;
}

async function signedIn(browser: Browser, testInfo: TestInfo, label: string, name: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await register(page, uniqueEmail(testInfo, label), name);
	return page;
}

/** A join link made on a cohort or group page, followed by `member`. */
async function invite(owner: Page, member: Page): Promise<void> {
	await owner.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	await goto(member, new URL(await owner.getByLabel('Uitnodigingslink').inputValue()).pathname);
	await member.getByRole('button', { name: 'Deelnemen' }).click();
	await member.waitForURL(/\/(dashboard|groups\/[0-9a-f-]{36})/);
}

test('NUL, lone surrogates and control characters in every text field: never a 5xx, stored without them', async ({ browser }, testInfo) => {
	test.skip(!hasJs(testInfo), 'raw posts, the same with and without JavaScript');
	test.setTimeout(180_000);
	const anon = await (await browser.newContext()).newPage();
	await goto(anon, '/');
	await postBad(anon, '/register', { email: uniqueEmail(testInfo, 'nul'), displayName: null, password: PASSWORD });
	await postBad(anon, '/register', { email: null, displayName: 'Naam', password: null });
	await postBad(anon, '/login', { email: null, password: null, redirectTo: null });
	await postBad(anon, '/reset', { email: null });
	await postBad(anon, '/language', { locale: null, redirectTo: null });

	const [ada, bob, cas] = [
		await signedIn(browser, testInfo, 'ada', 'Ada'),
		await signedIn(browser, testInfo, 'bob', 'Bob'),
		await signedIn(browser, testInfo, 'cas', 'Cas')
	];
	const sp = await (await browser.newContext()).newPage();
	await login(sp, SUPERVISOR_ONE, SUPERVISOR_PASSWORD);
	await expect(sp).toHaveURL(/\/dashboard$/);

	await postBad(ada, '/account?/email', { newEmail: null, password: null });
	await postBad(ada, '/account?/password', { currentPassword: null, newPassword: null });
	await postBad(ada, `${REFLECTION}?/reflect`, { key: 'reflectie-wat-jou-raakt', body: null, version: '0' });
	await postBad(ada, `${REFLECTION}?/reflect`, { key: 'reflectie-wat-jou-raakt', body: null, version: '1', visibility: null, named: null });
	await postBad(ada, `${REFLECTION}?/reflect`, { key: null, body: null, version: null, writeKey: null });
	await goto(ada, REFLECTION);
	await expect.soft(ada.getByLabel('Jouw reflectie')).toHaveValue(CLEAN_TEXT);
	const quiz = await goto(ada, MODULE).then(() =>
		ada
			.locator('ol.items li', { has: ada.locator('.kind', { hasText: 'Quiz' }) })
			.locator('a')
			.first()
			.getAttribute('href')
	);
	await postBad(ada, `${quiz}?/answer`, { question: null, answer: null });

	// Supervision: a cohort, an assignment with a note, feedback and the reply to it.
	await postBad(sp, '/supervisor?/create', { name: null });
	await goto(sp, '/supervisor');
	await sp.getByLabel('Naam van de groep').fill(`Groep ${testInfo.project.name} ${Date.now()}`);
	await sp.getByRole('button', { name: 'Groep aanmaken' }).click();
	await sp.waitForURL(/\/supervisor\/cohorts\/[0-9a-f-]{36}$/);
	const cohortUrl = new URL(sp.url()).pathname;
	await invite(sp, ada);
	const assigned = await postBad(sp, `${cohortUrl}/assign`, { target: 'vignette:vignet-samen-lachen', due: inAWeek(), note: null, who: 'all' });
	if (assigned.status() >= 500) await postBad(sp, `${cohortUrl}/assign`, { target: 'vignette:vignet-samen-lachen', due: inAWeek(), note: 'x', who: 'all' });
	await postBad(sp, `${cohortUrl}/assign`, { target: null, due: null, note: null, who: null });
	await goto(ada, '/dashboard');
	const assignmentUrl = (await ada.getByRole('link', { name: 'Samen lachen tot de tranen komen' }).first().getAttribute('href'))!;
	await goto(ada, assignmentUrl);
	await ada.getByRole('button', { name: 'Inleveren bij mijn supervisor' }).click();
	await expect(ada.getByText('Ingeleverd. Je supervisor kan je werk nu lezen.')).toBeVisible();
	await goto(sp, cohortUrl);
	const review = (await sp.locator('a[href*="/review/"]').first().getAttribute('href'))!;
	await goto(sp, review);
	await postBad(sp, `${review}?/feedback`, { feedback: null });
	await postBad(ada, `${assignmentUrl}?/reply`, { reply: null });

	// An intervision group of three with a case, its discussion and the facilitator's meeting notes.
	await postBad(ada, '/groups?/create', { name: null });
	await goto(ada, '/groups');
	await ada.getByLabel('Naam van de groep').fill(`Intervisie ${Date.now()}`);
	await ada.getByRole('button', { name: 'Groep beginnen' }).click();
	await ada.waitForURL(/\/groups\/[0-9a-f-]{36}\?created=1$/);
	const groupUrl = new URL(ada.url()).pathname;
	await invite(ada, bob);
	await invite(ada, cas);
	await goto(ada, groupUrl);
	await postBad(ada, `${groupUrl}?/case`, { target: null, meeting: null });
	await postBad(ada, `${groupUrl}?/case`, { target: 'vignette:vignet-samen-lachen', meeting: inAWeek() });
	await postBad(ada, `${REFLECTION}?/reflect`, {
		key: 'reflectie-wat-jou-raakt',
		body: null,
		version: '1',
		visibility: `group:${groupUrl.split('/')[2]}`,
		named: '1'
	});
	await postBad(bob, `${groupUrl}/discussion?/post`, { body: null, parentId: null });
	await postBad(bob, `${groupUrl}/discussion?/post`, { body: 'Gewoon', parentId: '' });
	await goto(bob, `${groupUrl}/discussion`);
	const postId = (await bob.locator('article.post').first().getAttribute('id'))?.replace('post-', '') ?? '0';
	await postBad(bob, `${groupUrl}/discussion?/edit`, { postId, body: null });
	await postBad(bob, `${groupUrl}/discussion?/edit`, { postId: null, body: null });
	await postBad(ada, `${groupUrl}/meeting?/next`, { from: 'waiting' });
	await postBad(ada, `${groupUrl}/meeting?/notes`, { phase: 'choose', notes: null });
	await postBad(ada, `${groupUrl}/meeting?/notes`, { phase: null, notes: null });
	await postBad(ada, '/my-data?/delete', { confirm: null, posts: null, password: null });
	await goto(bob, `${groupUrl}/discussion`);
	await expect.soft(bob.locator('article.post p.body', { hasText: 'Tekst met[31m en meer' }).first()).toBeVisible();
	expect((await ada.request.get('/healthz')).status()).toBe(200);
});
