/**
 * Issue 16, measured growth end to end, with JavaScript and without: a supervisor makes a cohort, three new trainees
 * join by its invite, take the pre-test, finish every module through the course's own pages, take the post-test; the
 * supervisor calibrates, rates the six test responses of each blinded with scores fixed below, and the cohort's growth
 * report shows the means, the change and d_av that those scores give by hand. A second cohort holds two of the same
 * trainees, with the same rated tests: its report shows nothing and its CSV is not there.
 */
import { expect, test, type Browser, type Locator, type Page, type TestInfo } from '@playwright/test';
import { loadCourse } from '../../src/lib/server/content/load';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import { SUPERVISOR_FOUR, SUPERVISOR_PASSWORD, SUPERVISOR_THREE } from './accounts';
import { goto, hasJs, register, uniqueEmail, writeReflection } from './helpers';
import { cohortWithInvite, signedInPage as signedIn } from './matrix';

const course = loadCourse(readContentFiles('content'));
type Vignette = Extract<(typeof course.modules)[number]['items'][number], { type: 'vignette' }>;
const scale = course.practice.selfEfficacy!;
const skillName = (id: string) => course.practice.rubric!.skills.find((s) => s.id === id)!.name.nl;

type Phase = 'pre' | 'post';
/**
 * The scores the supervisor gives each trainee's test responses, per skill (PRACTICE_SKILLS' order); every response
 * of a trainee at a test gets the same ones, so a trainee's mean on a skill is the score here. Chosen so that the
 * differences vary within every skill (else d_av has no interval) and the means differ between skills.
 */
const GIVEN: Record<Phase, number[][]> = {
	pre: [
		[1, 2, 2, 1, 3, 2],
		[2, 1, 3, 2, 2, 1],
		[3, 2, 1, 2, 4, 3]
	],
	post: [
		[3, 3, 4, 2, 4, 3],
		[4, 2, 5, 3, 4, 3],
		[4, 4, 2, 4, 5, 5]
	]
};
/** Each trainee's self-efficacy answer at each test: item k gets the value here, plus one on odd k. */
const CONFIDENCE: Record<Phase, number[]> = { pre: [3, 2, 4], post: [5, 5, 6] };
const confidence = (phase: Phase, trainee: number, item: number) => CONFIDENCE[phase][trainee]! + (item % 2);

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const variance = (xs: number[]) => xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1);
/** The paired change by hand: the mean difference and Cohen's d_av (the difference over the average SD, sqrt of the mean variance). */
function change(before: number[], after: number[]) {
	const difference = mean(after) - mean(before);
	return { difference, d: difference / Math.sqrt((variance(before) + variance(after)) / 2) };
}
/** A figure as the report prints it (Dutch decimals), and back. */
const shown = (value: number, digits: number) => new Intl.NumberFormat('nl-NL', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
const parsed = (text: string) => Number(text.trim().replace('−', '-').replace(',', '.'));

const supervisorFor = (testInfo: TestInfo) => (hasJs(testInfo) ? SUPERVISOR_THREE : SUPERVISOR_FOUR);

/** The choices of the shortest way from a vignette's start to an ending (breadth first over its steps). */
function shortestPath(vignette: Vignette): { step: string; choice: string }[] {
	const via = new Map<string, { from: string; choice: string } | null>([[vignette.start, null]]);
	const queue = [vignette.start];
	while (queue.length > 0) {
		const at = queue.shift()!;
		if (vignette.steps[at]!.end) {
			const path: { step: string; choice: string }[] = [];
			for (let back = via.get(at); back; back = via.get(back.from)) path.unshift({ step: back.from, choice: back.choice });
			return path;
		}
		for (const choice of vignette.steps[at]!.choices)
			if (!via.has(choice.next)) {
				via.set(choice.next, { from: at, choice: choice.id });
				queue.push(choice.next);
			}
	}
	throw new Error(`${vignette.id} has no ending`);
}

/** Answers every open question of the quiz on the page (its reflection questions are not needed to finish it). */
async function answerAll(page: Page) {
	for (let guard = 0; guard < 30; guard++) {
		const form = page.locator('form[action="?/answer"]').first();
		if ((await form.count()) === 0) return;
		const question = await form.locator('input[name="question"]').inputValue();
		const radios = form.locator('input[type="radio"]');
		const boxes = form.locator('input[type="checkbox"]');
		const number = form.locator('input[type="number"]');
		if ((await radios.count()) > 0) await radios.first().check();
		else if ((await boxes.count()) > 0) await boxes.first().check();
		else await number.fill(String(Math.round((Number(await number.getAttribute('min')) + Number(await number.getAttribute('max'))) / 2)));
		await form.getByRole('button', { name: 'Antwoord geven' }).click();
		await expect(page.locator(`#q-${question} form[action="?/answer"]`)).toHaveCount(0);
	}
	throw new Error('the quiz did not end');
}

/**
 * Finishes every item of every module through its own page, the shortest honest way each allows: a lesson marked
 * read, a vignette walked to its nearest ending, a quiz answered, a reflection written.
 */
async function completeCourse(page: Page, js: boolean) {
	for (const module of course.modules)
		for (const item of module.items) {
			const url = `/modules/${module.id}/${item.id}`;
			// A lesson marked read leads on to the next item: no need to load it again.
			if (new URL(page.url()).pathname !== url) await goto(page, url);
			if (item.type === 'lesson') {
				await page.getByRole('button', { name: /^Gelezen/ }).click();
				await page.waitForURL((u) => u.pathname !== url);
			} else if (item.type === 'vignette') {
				for (const { step, choice } of shortestPath(item)) {
					const form = page.locator('form[action="?/choose"]');
					await expect(form.locator('input[name="step"]')).toHaveValue(step);
					await form.locator(`button[name="choice"][value="${choice}"]`).click();
				}
				await expect(page.getByRole('heading', { name: 'Jouw pad door deze casus' })).toBeVisible();
			} else if (item.type === 'quiz') await answerAll(page);
			else await writeReflection(page, `Wat ik meeneem uit ${item.id}.`, js);
		}
	await goto(page, '/dashboard');
	const bars = await page.getByRole('progressbar').all();
	expect(bars.length).toBe(course.modules.length);
	for (const bar of bars) await expect(bar).toHaveAttribute('aria-valuenow', (await bar.getAttribute('aria-valuemax')) ?? 'none');
}

/** A code in each test response that tells this spec (not the rater's page) whose response it is and from which test. */
const tag = (stamp: string, trainee: number, phase: Phase) => `(${stamp}.${trainee}.${phase === 'pre' ? 1 : 2})`;
const untag = (stamp: string, body: string) => {
	const found = body.match(new RegExp(`\\(${stamp}\\.(\\d)\\.([12])\\)`));
	return found ? { trainee: Number(found[1]), phase: (found[2] === '1' ? 'pre' : 'post') as Phase } : null;
};

/** The trainee opens the test the dashboard offers and hands it in: a response per moment, the confidence scale. */
async function takeTest(page: Page, phase: Phase, trainee: number, stamp: string) {
	await goto(page, '/dashboard');
	await expect(page.getByRole('heading', { name: phase === 'pre' ? 'Voormeting' : 'Nameting' })).toBeVisible();
	await page.getByRole('link', { name: 'Naar de meting' }).click();
	await expect(page).toHaveURL(new RegExp(`/oefenen/meting/${phase}$`));
	const answers = page.getByLabel('Wat zeg je nu tegen de cliënt?');
	await expect(answers).toHaveCount(3);
	for (const [i, answer] of (await answers.all()).entries())
		await answer.fill(`Ik zie dat dit je raakt; neem de tijd, ik blijf bij je. ${i + 1} ${tag(stamp, trainee, phase)}`);
	for (const [k, item] of scale.items.entries())
		await page
			.getByRole('group', { name: item.text.nl })
			.getByLabel(String(confidence(phase, trainee, k)), { exact: true })
			.check();
	await page.getByRole('button', { name: 'Inleveren' }).click();
	await expect(page.getByText('Ingeleverd, dank je.')).toBeVisible();
}

/** A new trainee registers through the first invite link and joins; then joins the other cohorts by theirs. */
async function joinCohorts(browser: Browser, testInfo: TestInfo, invites: string[], name: string): Promise<Page> {
	const tp = await (await browser.newContext()).newPage();
	await goto(tp, invites[0]!);
	await tp.getByRole('main').getByRole('link', { name: 'Account maken' }).click();
	await tp.waitForURL(/\/register/);
	await register(tp, uniqueEmail(testInfo, 'groei'), name, invites[0]);
	for (const [i, invite] of invites.entries()) {
		if (i > 0) await goto(tp, invite);
		await tp.getByRole('button', { name: 'Deelnemen' }).click();
		await expect(tp.getByText('Je zit nu in de opleidingsgroep.')).toBeVisible();
	}
	return tp;
}

/** Scores `score(skill)` on each skill of the rubric form. */
async function score(form: Locator, given: (skill: string) => number) {
	for (const skill of PRACTICE_SKILLS) await form.locator(`input[name="skill-${skill}"][value="${given(skill)}"]`).check();
}

/** The rater scores every calibration example (4 on each skill) and reads the feedback after each. */
async function calibrate(sp: Page) {
	await goto(sp, '/beoordelen/kalibratie');
	// A rater who calibrated before (an earlier run on this database) starts a new round.
	if (await sp.getByRole('heading', { name: 'Je overeenstemming met de ankers' }).isVisible()) await goto(sp, '/beoordelen/kalibratie?opnieuw=1');
	for (let n = 1; n <= course.practice.calibration.length; n++) {
		await expect(sp.getByRole('heading', { name: `Voorbeeld ${n} van ${course.practice.calibration.length}` })).toBeVisible();
		const form = sp.locator('form[action="?/score"]');
		await score(form, () => 4);
		await form.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
		await expect(sp.getByRole('heading', { name: 'Jouw scores naast de ankers' })).toBeVisible();
		await sp.locator('#feedback a.button').click();
	}
	await expect(sp.getByRole('heading', { name: 'Je overeenstemming met de ankers' })).toBeVisible();
}

/** Rates every response in the queue, blinded, with the scores GIVEN for the trainee and test its code names. */
async function rateQueue(sp: Page, stamp: string): Promise<number> {
	await goto(sp, '/beoordelen');
	await expect(sp.getByText('Je hebt gekalibreerd.')).toBeVisible();
	const links = await sp.locator('ol.queue a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	let rated = 0;
	for (const link of links) {
		await goto(sp, link);
		const whose = untag(stamp, await sp.locator('p.response').first().innerText());
		if (!whose) continue;
		// Blinded: nothing on the page says which test the response came from.
		await expect(sp.getByRole('main')).not.toContainText(/Voormeting|Nameting/);
		const form = sp.locator('form[action="?/rate"]');
		await score(form, (skill) => GIVEN[whose.phase][whose.trainee]![PRACTICE_SKILLS.indexOf(skill as (typeof PRACTICE_SKILLS)[number])]!);
		await form.getByLabel('Toelichting').fill('Rustig, en je blijft bij haar.');
		await form.getByRole('button', { name: 'Beoordeling opslaan' }).click();
		await expect(sp.getByRole('heading', { name: 'Je beoordeling is bewaard' })).toBeVisible();
		rated++;
	}
	return rated;
}

test('a cohort of three takes the pre-test, the course and the post-test; the blinded ratings give the report its figures; two show nothing', async ({
	browser
}, testInfo) => {
	// About 3 min per project on a two-core machine under a load of 15 (the course walk of 42 items is most of it).
	test.setTimeout(600_000);
	const js = hasJs(testInfo);
	const stamp = String(Date.now() % 1e9);
	const sp = await signedIn(browser, supervisorFor(testInfo), SUPERVISOR_PASSWORD);
	const three = await cohortWithInvite(sp, `Groei ${testInfo.project.name} ${stamp}`);
	const two = await cohortWithInvite(sp, `Twee ${testInfo.project.name} ${stamp}`);

	// The trainees work in parallel, each in their own browser; meanwhile the supervisor calibrates.
	const walk = async (trainee: number) => {
		const invites = trainee < 2 ? [three.invite, two.invite] : [three.invite];
		const tp = await joinCohorts(browser, testInfo, invites, `Groeier ${trainee + 1} ${stamp}`);
		await takeTest(tp, 'pre', trainee, stamp);
		// The post-test stays closed, by the dashboard and by URL, until every module is done.
		await goto(tp, '/oefenen/meting/post');
		await expect(tp.getByText('De nameting gaat open zodra je alle modules hebt afgerond.')).toBeVisible();
		await expect(tp.getByLabel('Wat zeg je nu tegen de cliënt?')).toHaveCount(0);
		await completeCourse(tp, js);
		await takeTest(tp, 'post', trainee, stamp);
		await tp.context().close();
	};
	await Promise.all([walk(0), walk(1), walk(2), calibrate(sp)]);

	// Three trainees, two tests, three moments each.
	expect(await rateQueue(sp, stamp)).toBe(18);

	// The report of the cohort of three.
	await goto(sp, three.cohortUrl);
	await sp.getByRole('link', { name: 'Groei (voor- en nameting)' }).click();
	await sp.waitForURL(/\/groei$/);
	await expect(sp.getByText('3 deelnemers.')).toBeVisible();
	const csv = await sp.request.get(`${three.cohortUrl}/groei/groei.csv`);
	expect(csv.status()).toBe(200);
	const csvRows = new Map(
		(await csv.text())
			.split(/\r?\n/)
			.map((line) => line.match(/^"([^"]*)",(.*)$/))
			.flatMap((m) => (m ? [[m[1]!, m[2]!.split(',')] as const] : []))
	);

	const means = sp.getByRole('table', { name: /^Gemiddelde beoordeling per vaardigheid/ });
	const changes = sp.getByRole('table', { name: /^Gepaarde verandering/ });
	const expectRow = async (name: string, chart: Locator, before: number[], after: number[]) => {
		const row = chart.locator('tbody tr', { has: sp.locator('th', { hasText: name }) });
		await expect(row.locator('td[data-phase="pre"]')).toHaveText(shown(mean(before), 1));
		await expect(row.locator('td[data-phase="post"]')).toHaveText(shown(mean(after), 1));
		await expect(row.locator('td[data-phase="retention"]')).toContainText('niet getoond');
		const { difference, d } = change(before, after);
		const cells = changes.getByRole('row', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) }).locator('td');
		await expect(cells.nth(0)).toHaveText('3');
		await expect(cells.nth(1)).toHaveText(shown(difference, 2));
		await expect(cells.nth(2)).toHaveText(shown(d, 2));
		// The 95% interval is there and holds d.
		const [low, high] = (await cells.nth(3).innerText()).split('–').map(parsed);
		expect(low).toBeLessThan(d);
		expect(high).toBeGreaterThan(d);
		// The CSV: pre mean, n, post mean, n, retention mean, n, then the change's difference, n, d, CI.
		const csvRow = csvRows.get(name);
		expect(csvRow, `CSV row ${name}`).toBeTruthy();
		expect(csvRow!.slice(0, 11).map((c) => (c === '' ? null : Number(c)))).toEqual([
			Number(mean(before).toFixed(2)),
			3,
			Number(mean(after).toFixed(2)),
			3,
			null,
			null,
			Number(difference.toFixed(2)),
			3,
			Number(d.toFixed(2)),
			Number(low!.toFixed(2)),
			Number(high!.toFixed(2))
		]);
	};
	for (const [j, skill] of PRACTICE_SKILLS.entries()) {
		const of = (phase: Phase) => GIVEN[phase].map((scores) => scores[j]!);
		await expectRow(skillName(skill), means, of('pre'), of('post'));
	}
	const efficacy = (phase: Phase) => [0, 1, 2].map((trainee) => mean(scale.items.map((_, k) => confidence(phase, trainee, k))));
	await expectRow('Zelfvertrouwen (1–7)', sp.getByRole('table', { name: 'Gemiddeld zelfvertrouwen per meting' }), efficacy('pre'), efficacy('post'));
	const completion = sp.getByRole('table', { name: /^Aantal deelnemers/ });
	for (const what of ['Gemaakt', 'Beoordeeld'])
		await expect(completion.getByRole('row', { name: new RegExp(`^${what}`) }).locator('td')).toHaveText(['3', '3', '0']);

	// The cohort of two: the same trainees' tests, rated, and nothing shown.
	await goto(sp, `${two.cohortUrl}/groei`);
	await expect(sp.getByText('Nog niets te tonen: een groepsrapport begint bij 3 deelnemers.')).toBeVisible();
	await expect(sp.getByRole('table')).toHaveCount(0);
	await expect(sp.getByRole('link', { name: 'Download als CSV' })).toHaveCount(0);
	expect((await sp.request.get(`${two.cohortUrl}/groei/groei.csv`)).status()).toBe(404);
});
