/**
 * Issue 14, item 3: the self-rating, one statement per screen. Walked statement by statement in both
 * projects, with JavaScript (enhanced posts, no reload) and without (a form post per statement).
 */
import { expect, test, type Page } from '@playwright/test';
import { loadCourse } from '../../src/lib/server/content/load';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { formatNorm, formatNumber } from '../../src/lib/server/content/figures';
import { goto, hasJs, register, uniqueEmail } from './helpers';
import { axeCheck } from './axe';

const course = loadCourse(readContentFiles('content'));
const module = course.modules.find((m) => m.items.some((i) => i.id === 'zelfpeiling-tranen-in-therapie'))!;
const quiz = module.items.find((i) => i.id === 'zelfpeiling-tranen-in-therapie')!;
if (quiz.type !== 'quiz') throw new Error('the self-rating is a quiz');
const url = `/modules/${module.id}/${quiz.id}`;
const statements = quiz.questions.filter((q) => q.kind !== 'reflection');
const figureOf = (q: (typeof statements)[number]) => (q.kind === 'attitude' ? formatNorm(course.norms[q.norm]!, 'nl') : null);
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** Whether `text` prints `figure` as a number of its own ("13" is not in "2013" nor in "13,5"). */
const shows = (text: string, figure: string) => new RegExp(`(?<![\\d.,])${escape(figure)}(?![.,]?\\d)`).test(text);

/** The page's main text, without the explanations (they may quote figures of statements already answered). */
async function mainText(page: Page): Promise<string> {
	return page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const f of copy.querySelectorAll('.feedback')) f.remove();
		return (copy.textContent ?? '').replace(/\s+/g, ' ');
	});
}

/** The answer given to statement i (0-based): varied, so the summary shows both sides. */
const choice = (i: number) => [6, 2, 3, 1, 1, 2, 5, 4, 7, 5, 4, 3, 1, 2][i] ?? 6;

test('the self-rating is walked one statement per screen, each figure shown only after its answer, ending in one summary', async ({ page }, testInfo) => {
	test.setTimeout(240_000);
	await register(page, uniqueEmail(testInfo, 'zelfpeiling'));
	await goto(page, url);

	// A thumb-sized 1–7 control on one line at 390 px.
	const size = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	const tiles = await page
		.locator('form[action="?/answer"] .tile')
		.evaluateAll((ls) => ls.map((l) => l.getBoundingClientRect()).map((r) => ({ w: r.width, h: r.height, y: r.top })));
	expect(tiles).toHaveLength(7);
	for (const t of tiles) expect(Math.min(t.w, t.h)).toBeGreaterThanOrEqual(44);
	expect(new Set(tiles.map((t) => Math.round(t.y))).size).toBe(1);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	if (size) await page.setViewportSize(size);

	// Bad input: no choice made. A clear message, the same statement, nothing lost.
	await page.getByRole('button', { name: 'Antwoord geven' }).click();
	await expect(page.locator(`#q-${statements[0]!.id}-error`)).toContainText('Vul een getal in van 1 tot en met 7.');
	await expect(page.locator('main')).toContainText(`Stelling 1 van ${statements.length}`);
	// With JavaScript the walk is enhanced: no page load from here to the summary.
	const js = hasJs(testInfo);
	if (js) await page.evaluate(() => Object.assign(window, { walked: true }));

	for (const [i, q] of statements.entries()) {
		await expect(page.locator('main')).toContainText(`Stelling ${i + 1} van ${statements.length}`);
		await expect(page.locator('form[action="?/answer"]')).toHaveCount(1);
		const form = page.locator(`#q-${q.id} form[action="?/answer"]`);
		await expect(form).toHaveCount(1);

		// Its own figure is nowhere yet, unless an answered statement has the same one (37,5% answers two).
		const own = figureOf(q);
		const printed = new Set(statements.slice(0, i).map(figureOf));
		if (own && !printed.has(own)) expect(shows(await mainText(page), own), `${q.id}: ${own} shows before its answer`).toBe(false);
		// The statement before it is revealed: "jij: 6 · ongeveer 32% van de 819 was het eens".
		const before = statements[i - 1];
		if (before) {
			const reveal = page.locator(`#q-${before.id}`);
			await expect(reveal).toContainText(`jij: ${choice(i - 1)}`);
			const figure = figureOf(before);
			const base = before.kind === 'attitude' ? course.norms[before.norm]!.base : 'unclear';
			if (figure) await expect(reveal).toContainText(typeof base === 'number' ? `${figure} van de ${formatNumber(base, 'nl', 0)} was het eens` : figure);
		}

		// axe needs JavaScript; the pages without it are the same server HTML (a11y-noscript.spec.ts checks that way).
		if (js && (i === 0 || i === 1 || i === statements.length - 1)) await axeCheck(page, testInfo, `self-rating-${i + 1}`);
		await form
			.locator('.tile')
			.nth(choice(i) - 1)
			.click();
		await form.getByRole('button', { name: 'Antwoord geven' }).click();
		await page.waitForURL(new RegExp(`\\?s=${i + 2}$`));
	}

	if (js) expect(await page.evaluate(() => 'walked' in window)).toBe(true);
	// The summary: one chart of all statements with their figures, the caveat once, the quiz done.
	await expect(page.getByRole('heading', { name: 'Jij naast de therapeuten uit het onderzoek' })).toBeVisible();
	const summary = page.locator('table.rating-summary');
	await expect(summary.locator('tbody')).toHaveCount(statements.filter((q) => q.kind === 'attitude').length);
	for (const [i, q] of statements.entries()) {
		const figure = figureOf(q);
		if (!figure) continue;
		const group = summary.locator('tbody').nth(i);
		await expect(group).toContainText(figure);
		await expect(group.locator('.you')).toContainText(`jij: ${choice(i)}`);
	}
	await expect(page.locator('table.scale-chart')).toContainText('Jij');
	await expect(page.getByText('Let op:')).toHaveCount(1);
	await expect(page.getByRole('heading', { name: 'Quiz afgerond' })).toBeVisible();
	if (js) {
		await axeCheck(page, testInfo, 'self-rating-summary');
		await page.setViewportSize({ width: 390, height: 844 });
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
		await axeCheck(page, testInfo, 'self-rating-summary-390');
		if (size) await page.setViewportSize(size);
	}

	// Back to statement 2, to change the answer: same screen, the new answer, and the summary follows it.
	await summary.locator('tbody').nth(1).getByRole('link').click();
	await page.waitForURL(/\?s=2$/);
	await expect(page.locator('main')).toContainText('Jouw antwoord: 2 op de schaal van 1 tot 7.');
	await page.locator('details.change summary').click();
	const change = page.locator('form[action$="/rerate"]');
	await expect(change.locator('input[value="2"]')).toBeChecked();
	if (js) await axeCheck(page, testInfo, 'self-rating-change');
	await change.locator('.tile').nth(5).click();
	await change.getByRole('button', { name: 'Wijziging opslaan' }).click();
	await page.waitForURL(/\?s=2$/);
	await expect(page.locator('main')).toContainText('Jouw antwoord: 6 op de schaal van 1 tot 7.');
	await page.getByRole('link', { name: 'Volgende stelling' }).click();
	await page.waitForURL(/\?s=3$/);
	await goto(page, url);
	await expect(page.locator('table.rating-summary tbody').nth(1).locator('.you')).toContainText('jij: 6');
});

test('the self-rating cannot skip ahead to an unanswered statement nor to the summary', async ({ page }, testInfo) => {
	await register(page, uniqueEmail(testInfo, 'zelfpeiling-vooruit'));
	await goto(page, `${url}?s=5`);
	await expect(page.locator('main')).toContainText(`Stelling 1 van ${statements.length}`);
	await goto(page, `${url}?s=${statements.length + 1}`);
	await expect(page.locator('main')).toContainText(`Stelling 1 van ${statements.length}`);
	await expect(page.locator('table.rating-summary')).toHaveCount(0);
});
