import { expect, test } from '@playwright/test';
import { register, uniqueEmail, goto } from './helpers';

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

		const vignette = await goto(page, MODULE).then(() => page.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Casus' }) }).locator('a').first().getAttribute('href'));
		const unknownChoice = await request.post(`${vignette}?/choose`, { headers, form: { step: 'bestaat-niet', choice: 'ook-niet' } });
		expect(unknownChoice.status()).toBe(400);
		expect(await unknownChoice.text()).toContain('Deze keuze bestaat niet bij deze stap');

		const quiz = await page.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Quiz' }) }).locator('a').first().getAttribute('href');
		const unknownQuestion = await request.post(`${quiz}?/answer`, { headers, form: { question: 'nep', answer: 'a' } });
		expect(unknownQuestion.status()).toBe(400);
		expect(await unknownQuestion.text()).toContain('Deze vraag bestaat niet in deze quiz');

		const wrongKey = await request.post(`${REFLECTION}?/reflect`, { headers, form: { key: 'iemand-anders', body: 'x', version: 'abc' } });
		expect(wrongKey.status()).toBe(400);
		expect(await wrongKey.text()).toContain('Dit verzoek kunnen we niet verwerken');

		const json = await request.post(`${REFLECTION}?/reflect`, { headers: { ...headers, 'content-type': 'application/json' }, data: '{"key":"reflectie-wat-jou-raakt"}' });
		expect(json.status()).toBeGreaterThanOrEqual(400);
		expect(json.status()).toBeLessThan(500);

		const garbage = await request.post(`${REFLECTION}?/reflect`, { headers: { ...headers, 'content-type': 'multipart/form-data; boundary=x' }, data: 'niet echt multipart' });
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
		await page.locator('ol.items li', { has: page.locator('.kind', { hasText: 'Quiz' }) }).locator('a').first().click();
		const form = page.locator('form[action="?/answer"]').first();
		const question = await form.locator('input[name="question"]').inputValue();
		await form.getByRole('button', { name: 'Antwoord geven' }).click();
		await expect(page.locator(`#q-${question} .error`)).toContainText(/Kies|Vul een getal in/);
	});

	test('logged out, learning pages send the visitor to the login page and come back after', async ({ page }, testInfo) => {
		const response = await goto(page, REFLECTION);
		expect(response?.status()).toBe(200);
		await expect(page).toHaveURL(/\/login\?redirectTo=/);
		const post = await page.request.post(`${REFLECTION}?/reflect`, { headers: { accept: 'text/html', origin: new URL(page.url()).origin }, form: { key: 'reflectie-wat-jou-raakt', body: 'x', version: '0' }, maxRedirects: 0 });
		expect([303, 401, 403]).toContain(post.status());
		testInfo.annotations.push({ type: 'status', description: String(post.status()) });
	});
});
