/**
 * Issue 14, items 1 and 2: a figure appears only after the learner has answered what it answers, and
 * every page has unique ids, so each agreement chart is announced with its own statement.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { loadCourse } from '../../src/lib/server/content/load';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { formatNorm } from '../../src/lib/server/content/figures';
import { answerQuiz, goto, hasJs, register, uniqueEmail } from './helpers';

const course = loadCourse(readContentFiles('content'));
const quizzes = course.modules.flatMap((m) => m.items.filter((i) => i.type === 'quiz').map((quiz) => ({ url: `/modules/${m.id}/${quiz.id}`, quiz })));
const FIGURES = 'Cijfers in dit onderdeel';

/** The figure (as printed in Dutch) that answers each estimate and attitude statement, by question id. */
function answers(quiz: (typeof quizzes)[number]['quiz']): Map<string, string> {
	const map = new Map<string, string>();
	for (const q of quiz.questions) {
		const norm = q.kind === 'estimate' || q.kind === 'attitude' ? course.norms[q.norm] : undefined;
		if (norm && (q.kind === 'estimate' || q.kind === 'attitude')) map.set(q.id, formatNorm(norm, 'nl'));
	}
	return map;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `text` prints `figure` as a number of its own ("13" is not in "2013" nor in "13,5"). */
function shows(text: string, figure: string): boolean {
	return new RegExp(`(?<![\\d.,])${escape(figure)}(?![.,]?\\d)`).test(text);
}

/** The page's main text without the feedback of answered questions. */
async function textOutsideFeedback(page: Page): Promise<string> {
	return page.locator('main').evaluate((main) => {
		const copy = main.cloneNode(true) as HTMLElement;
		for (const f of copy.querySelectorAll('.feedback')) f.remove();
		return (copy.textContent ?? '').replace(/\s+/g, ' ');
	});
}

async function mainText(page: Page): Promise<string> {
	return ((await page.locator('main').textContent()) ?? '').replace(/\s+/g, ' ');
}

async function duplicateIds(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const seen = new Map<string, number>();
		for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) ?? 0) + 1);
		return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id} ×${n}`);
	});
}

/** The accessible name Chromium computes for each element matching `selector`, read from its accessibility tree. */
async function chromiumNames(page: Page, selector: string): Promise<string[]> {
	const cdp = await page.context().newCDPSession(page);
	const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
	const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: root.nodeId, selector });
	const names: string[] = [];
	for (const nodeId of nodeIds) {
		const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
		names.push(
			String(nodes[0]?.name?.value ?? '')
				.replace(/\s+/g, ' ')
				.trim()
		);
	}
	await cdp.detach();
	return names;
}

/** A 390 px wide picture of the page, for a person to look at (test-results/screenshots/). */
async function phoneShot(page: Page, name: string): Promise<void> {
	const size = page.viewportSize();
	await page.setViewportSize({ width: 390, height: 844 });
	await page.screenshot({ path: `test-results/screenshots/${test.info().project.name}-${name}-390.png`, fullPage: true });
	if (size) await page.setViewportSize(size);
}

const squash = async (l: Locator) => (await l.innerText()).replace(/\s+/g, ' ').trim();

test('no figure is visible before its question is answered; answered quizzes have unique ids and charts named by their own statement', async ({
	page
}, testInfo) => {
	test.setTimeout(300_000);
	await register(page, uniqueEmail(testInfo, 'onthulling'));
	for (const { url, quiz } of quizzes) {
		const figures = answers(quiz);
		await goto(page, url);
		await expect(page.getByRole('heading', { name: FIGURES })).toHaveCount(0);
		if (url === quizzes[0]?.url) await phoneShot(page, 'quiz-before');
		const before = await textOutsideFeedback(page);
		for (const [id, figure] of figures) expect(shows(before, figure), `${url}: the answer to ${id} (${figure}) shows before any answer`).toBe(false);

		// Question by question: a figure appears with its own answer, never earlier, not even in the
		// feedback of a question answered before it (the content check refuses that too).
		for (let guard = 0; guard < 30; guard++) {
			const form = page.locator('form[action="?/answer"]').first();
			if ((await form.count()) === 0) break;
			const id = await form.locator('input[name="question"]').inputValue();
			const radios = form.locator('input[type="radio"]');
			if ((await radios.count()) > 0) await radios.nth(Math.min(4, (await radios.count()) - 1)).check();
			else if ((await form.locator('input[type="checkbox"]').count()) > 0) await form.locator('input[type="checkbox"]').first().check();
			else {
				const number = form.locator('input[type="number"]');
				await number.fill(String(Math.round((Number(await number.getAttribute('min')) + Number(await number.getAttribute('max'))) / 2)));
			}
			await form.getByRole('button', { name: 'Antwoord geven' }).click();
			await expect(page.locator(`#q-${id} form[action="?/answer"]`)).toHaveCount(0);
			const own = figures.get(id);
			if (own) await expect(page.locator(`#q-${id}`)).toContainText(own);
			const open = await page
				.locator('form[action="?/answer"] input[name="question"]')
				.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
			if (open.length > 0) await expect(page.getByRole('heading', { name: FIGURES })).toHaveCount(0);
			const text = await mainText(page);
			// Two figures can be equal (37,5% answers two statements of the self-rating): one printed as
			// its own question's answer is no leak of the other.
			const printed = new Set([...figures].filter(([q]) => !open.includes(q)).map(([, f]) => f));
			for (const q of open) {
				const figure = figures.get(q);
				if (figure && !printed.has(figure)) expect(shows(text, figure), `${url}: the answer to ${q} (${figure}) shows after answering ${id}`).toBe(false);
			}
		}
		await answerQuiz(page, hasJs(testInfo));
		await expect(page.getByRole('heading', { name: FIGURES })).toBeVisible();
		if (url === quizzes[0]?.url) await phoneShot(page, 'quiz-after');

		expect(await duplicateIds(page), `${url} answered`).toEqual([]);
		const charts = page.locator('li.question', { has: page.locator('figure.agreement') });
		const names = await chromiumNames(page, 'figure.agreement svg');
		expect(names).toHaveLength(await charts.count());
		for (const [i, name] of names.entries()) {
			const card = charts.nth(i);
			// Chromium joins the number span and the statement without a space ("9.Een …"): compare the words.
			const statement = (await squash(card.locator('h3'))).replace(/^\d+\.\s*/, '');
			const caption = await squash(card.locator('figcaption'));
			expect(name, `${url}: chart ${i + 1}`).toMatch(new RegExp(`^\\d+\\.\\s*${escape(statement)} ${escape(caption)}$`));
		}
	}
});

test('key pages have no duplicate ids', async ({ page }, testInfo) => {
	test.setTimeout(120_000);
	const check = async (url: string) => {
		await goto(page, url);
		expect(await duplicateIds(page), url).toEqual([]);
	};
	await check('/');
	await register(page, uniqueEmail(testInfo, 'ids'));
	expect(await duplicateIds(page), 'dashboard').toEqual([]);
	const first = course.modules[0]!;
	const lesson = first.items.find((i) => i.type === 'lesson')!;
	const vignette = first.items.find((i) => i.type === 'vignette')!;
	for (const url of [`/modules/${first.id}`, `/modules/${first.id}/${lesson.id}`, `/modules/${first.id}/${vignette.id}`, '/over', '/begrippen', '/bronnen'])
		await check(url);
	// A new group's results page (before three members have answered: no charts yet).
	await goto(page, '/groups');
	await page.getByLabel('Naam van de groep').fill(`Ids ${testInfo.project.name} ${Date.now() % 1_000_000}`);
	await page.getByRole('button', { name: 'Groep beginnen' }).click();
	await page.waitForURL(/\/groups\/[0-9a-f-]{36}\?created=1$/);
	await check(`${new URL(page.url()).pathname}/results`);
});
