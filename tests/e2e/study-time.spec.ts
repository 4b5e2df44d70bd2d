/**
 * Issue 12: the time a learner spends on an item is recorded — by heartbeats with JavaScript (sent
 * when the tab is hidden, or every 30 seconds), by the gap from opening the page to the form post
 * without — and lands in the learner's own data export.
 */
import { expect, test, type Page } from '@playwright/test';
import { PASSWORD, goto, hasJs, register, uniqueEmail } from './helpers';

const lesson = { module: 'tranen-in-de-therapiekamer', item: 'hoe-vaak-therapeuten-huilen' };

async function studyTimeOf(page: Page, origin: string, itemId: string) {
	const response = await page.request.post('/my-data/export', { headers: { origin }, form: { password: PASSWORD } });
	expect(response.status()).toBe(200);
	const data = (await response.json()) as { studyTime: { itemId: string; heartbeatSeconds: number; postGapSeconds: number }[] };
	return data.studyTime.find((row) => row.itemId === itemId) ?? { heartbeatSeconds: 0, postGapSeconds: 0 };
}

test('time on a lesson is recorded, with JavaScript by heartbeats and without by the gap to the post', async ({ page, baseURL }, testInfo) => {
	await register(page, uniqueEmail(testInfo, 'study-time'));
	await goto(page, `/modules/${lesson.module}/${lesson.item}`);
	await expect(page.getByText(/ca\. \d+ minuten/)).toBeVisible();
	// Reading: a few seconds with signs of life.
	for (let i = 0; i < 4; i++) {
		await page.mouse.move(100 + i * 10, 200);
		await page.waitForTimeout(800);
	}
	if (hasJs(testInfo)) {
		// The tab goes to the background: the page sends what it counted, and counts no more.
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await expect.poll(async () => (await studyTimeOf(page, baseURL ?? '', lesson.item)).heartbeatSeconds, { timeout: 10_000 }).toBeGreaterThanOrEqual(3);
		const counted = await studyTimeOf(page, baseURL ?? '', lesson.item);
		expect(counted.heartbeatSeconds).toBeLessThanOrEqual(30);
		// Enhanced posts do not tick the clock used without JavaScript.
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await page.getByRole('button', { name: 'Gelezen, naar het volgende onderdeel' }).click();
		await expect(page).not.toHaveURL(new RegExp(`/${lesson.item}$`));
		expect((await studyTimeOf(page, baseURL ?? '', lesson.item)).postGapSeconds).toBe(0);
	} else {
		await page.getByRole('button', { name: 'Gelezen, naar het volgende onderdeel' }).click();
		await expect(page).not.toHaveURL(new RegExp(`/${lesson.item}$`));
		const counted = await studyTimeOf(page, baseURL ?? '', lesson.item);
		expect(counted.postGapSeconds).toBeGreaterThanOrEqual(3);
		expect(counted.heartbeatSeconds).toBe(0);
	}
});
