/**
 * Issue 16, rated practice and measured growth, with JavaScript and without: a supervisor calibrates on the whole
 * set, rates three responses a trainee shared, blinded, and the trainee reads the ratings beside their own and
 * replies once; the demo cohort's growth report and its CSV are filled in; a cohort of two shows nothing.
 */
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD, SUPERVISOR_TWO } from './accounts';
import { axeCheck } from './axe';
import { goto, hasJs, register, uniqueEmail } from './helpers';
import { cohortWithInvite, signedInPage as signedIn } from './matrix';

const DEMO_SUPERVISOR = 'supervisor@demo.ontroerd.nl';
const DEMO_ADMIN = 'beheer@demo.ontroerd.nl';
const DEMO_PASSWORD = 'ontroerd-demo-2026';

/**
 * Each project has its own supervisor, so that two calibration rounds never run at once for one rater.
 * (The other specs use these supervisors too, but none of them calibrates or rates.)
 */
const supervisorFor = (testInfo: TestInfo) => (hasJs(testInfo) ? SUPERVISOR_ONE : SUPERVISOR_TWO);

/** A new trainee registers through the invite link and joins the cohort; returns their page. */
async function joinCohort(browser: Browser, testInfo: TestInfo, invite: string, name: string): Promise<Page> {
	const tp = await (await browser.newContext()).newPage();
	await goto(tp, invite);
	await tp.getByRole('main').getByRole('link', { name: 'Account maken' }).click();
	await tp.waitForURL(/\/register/);
	await register(tp, uniqueEmail(testInfo, 'beoordeeld'), name, invite);
	await tp.getByRole('button', { name: 'Deelnemen' }).click();
	await expect(tp.getByText('Je zit nu in de opleidingsgroep.')).toBeVisible();
	return tp;
}

/** Checks one score per skill group of the form (every skill `score`). */
async function scoreAll(form: ReturnType<Page['locator']>, score: number) {
	const groups = await form.locator('fieldset.skill').all();
	expect(groups.length).toBeGreaterThan(0);
	for (const group of groups) await group.locator(`input[value="${score}"]`).check();
}

/** The trainee responds to the drill on the page, rates it 2 on every skill it targets, and shares it with the supervisor. */
async function respondAndShare(tp: Page, response: string): Promise<string> {
	await expect(tp.getByLabel('Wat zeg je nu tegen de cliënt?')).toBeVisible();
	const url = new URL(tp.url()).pathname;
	await tp.getByLabel('Wat zeg je nu tegen de cliënt?').fill(response);
	await tp.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
	await expect(tp.getByRole('status').filter({ hasText: 'Je antwoord is opgeslagen.' })).toBeVisible();
	const rate = tp.locator('form[action="?/rate"]');
	await scoreAll(rate, 2);
	await rate.getByLabel('Precies goed').check();
	await rate.getByRole('button', { name: 'Opslaan' }).click();
	await expect(tp.getByRole('heading', { name: 'Delen' })).toBeVisible();
	await tp.getByLabel('Wie mag dit antwoord lezen?').selectOption('supervisor');
	await tp.getByRole('button', { name: 'Bewaar keuze' }).click();
	await expect(tp.getByText(/^Opgeslagen: /)).toBeVisible();
	return url.split('?')[0]!;
}

/** The rater scores every calibration item (4 on each skill), reading the feedback after each; returns how many there were. */
async function calibrate(sp: Page): Promise<number> {
	await goto(sp, '/beoordelen/kalibratie');
	// A rater who calibrated before (an earlier run on this database) starts a new round.
	if (await sp.getByRole('heading', { name: 'Je overeenstemming met de ankers' }).isVisible()) await goto(sp, '/beoordelen/kalibratie?opnieuw=1');
	let scored = 0;
	for (let guard = 0; guard < 30; guard++) {
		const form = sp.locator('form[action="?/score"]');
		if ((await form.count()) === 0) break;
		await expect(sp.getByRole('heading', { name: new RegExp(`^Voorbeeld ${scored + 1} van \\d+$`) })).toBeVisible();
		await scoreAll(form, 4);
		await form.getByRole('button', { name: 'Opslaan en vergelijken' }).click();
		await expect(sp.getByRole('heading', { name: 'Jouw scores naast de ankers' })).toBeVisible();
		await expect(sp.locator('#feedback tbody tr')).toHaveCount(6);
		scored++;
		const last = (await sp.locator('#feedback a.button').innerText()).trim() === 'Je overeenstemming met de ankers';
		await sp.locator('#feedback a.button').click();
		// Wait for the next page (with JavaScript a client-side navigation) before looking for its form.
		if (last) break;
		await expect(sp.getByRole('heading', { name: new RegExp(`^Voorbeeld ${scored + 1} van \\d+$`) })).toBeVisible();
	}
	await expect(sp.getByRole('heading', { name: 'Je overeenstemming met de ankers' })).toBeVisible();
	return scored;
}

test('a supervisor calibrates, rates three shared responses blinded, and the trainee reads the ratings and replies once', async ({ browser }, testInfo) => {
	test.setTimeout(180_000);
	const js = hasJs(testInfo);
	const sp = await signedIn(browser, supervisorFor(testInfo), SUPERVISOR_PASSWORD);
	const trainee = `Beoordeelde ${testInfo.project.name} ${Date.now() % 100000}`;
	const { invite } = await cohortWithInvite(sp, `Beoordelen ${testInfo.project.name} ${Date.now()}`);
	const tp = await joinCohort(browser, testInfo, invite, trainee);

	// Three drills, each answered, self-rated 2 on every skill and shared with "my supervisor".
	const stamp = `${testInfo.project.name}-${Date.now()}`;
	const texts = [`Ik zie dat het je raakt (${stamp}).`, `Je mag hier huilen (${stamp}).`, `Wat gebeurt er nu in je (${stamp})?`];
	await goto(tp, '/oefenen');
	await tp.locator('section.today a').first().click();
	const drills: string[] = [];
	for (const [i, text] of texts.entries()) {
		if (i > 0) await tp.getByRole('link', { name: /^Volgende oefening/ }).click();
		drills.push(await respondAndShare(tp, text));
	}
	expect(new Set(drills).size).toBe(3);

	// The supervisor calibrates on the whole set (at least 8 anchored examples).
	expect(await calibrate(sp)).toBeGreaterThanOrEqual(8);
	if (js) await axeCheck(sp, testInfo, 'rating-calibration-result');
	await goto(sp, '/beoordelen');
	await expect(sp.getByText('Je hebt gekalibreerd.')).toBeVisible();
	if (js) await axeCheck(sp, testInfo, 'rating-queue');

	// Rate the three: the queue and the rating page show neither the trainee's name nor their self-rating.
	const queue = sp.locator('ol.queue a');
	const links = await queue.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
	await expect(sp.getByRole('main')).not.toContainText(trainee);
	let rated = 0;
	for (const link of links) {
		await goto(sp, link);
		const body = (await sp.locator('p.response').first().innerText()).trim();
		if (!texts.includes(body)) continue;
		await expect(sp.getByRole('main')).not.toContainText(trainee);
		await expect(sp.getByText('Eigen beoordeling', { exact: true })).toHaveCount(0);
		await expect(sp.locator('#beoordeeld')).toHaveCount(0);
		await expect(sp.locator('form[action="?/rate"] input:checked')).toHaveCount(0);
		if (js && rated === 0) await axeCheck(sp, testInfo, 'rating-response');
		const form = sp.locator('form[action="?/rate"]');
		await scoreAll(form, 4);
		await form.getByLabel('Toelichting').fill(`Rustig en warm: ${body}`);
		await form.getByRole('button', { name: 'Beoordeling opslaan' }).click();
		await expect(sp.getByRole('heading', { name: 'Je beoordeling is bewaard' })).toBeVisible();
		// Only now the self-rating shows, beside the rater's scores.
		const table = sp.locator('#beoordeeld table');
		await expect(table.getByRole('columnheader', { name: 'Eigen beoordeling' })).toBeVisible();
		await expect(table.locator('tbody td:nth-child(3)', { hasText: '2' }).first()).toBeVisible();
		await expect(table.locator('tbody td:nth-child(2)', { hasText: '4' })).toHaveCount(6);
		if (js && rated === 0) await axeCheck(sp, testInfo, 'rating-response-rated');
		rated++;
	}
	expect(rated).toBe(3);
	await goto(sp, '/beoordelen');
	for (const text of texts) await expect(sp.getByText(text)).toHaveCount(0);

	// The trainee reads each rating beside their own on the drill's history; on the first they reply, once.
	for (const [i, drill] of drills.entries()) {
		await goto(tp, `${drill}/geschiedenis`);
		await expect(tp.getByText(texts[i]!, { exact: true })).toBeVisible();
		const rating = tp.locator('section.rating');
		await expect(rating.getByRole('heading', { name: /^Beoordeeld door Supervisor (one|two)/ })).toBeVisible();
		await expect(rating.getByText(`Rustig en warm: ${texts[i]}`)).toBeVisible();
		const table = rating.getByRole('table', { name: 'Hun scores naast je eigen beoordeling' });
		await expect(table.locator('tbody td:nth-child(2)', { hasText: '4' })).toHaveCount(6);
		await expect(table.locator('tbody td:nth-child(3)', { hasText: '2' }).first()).toBeVisible();
	}
	await goto(tp, `${drills[0]}/geschiedenis`);
	if (js) await axeCheck(tp, testInfo, 'rating-history');
	await tp.getByLabel('Je reactie (één keer)').fill('Dank je, ik oefen de stilte nog.');
	await tp.getByRole('button', { name: 'Reactie versturen' }).click();
	await expect(tp.getByText('Dank je, ik oefen de stilte nog.')).toBeVisible();
	await expect(tp.getByLabel('Je reactie (één keer)')).toHaveCount(0);
	await goto(tp, `${drills[0]}/geschiedenis`);
	await expect(tp.getByText('Dank je, ik oefen de stilte nog.')).toBeVisible();
	await expect(tp.getByLabel('Je reactie (één keer)')).toHaveCount(0);

	// The supervisor sees the reply on their rating page.
	await goto(sp, '/beoordelen');
	for (const link of links) {
		await goto(sp, link);
		if ((await sp.locator('p.response').first().innerText()).trim() !== texts[0]) continue;
		await expect(sp.getByRole('heading', { name: 'Reactie van de cursist' })).toBeVisible();
		await expect(sp.getByText('Dank je, ik oefen de stilte nog.')).toBeVisible();
	}
});

test("the demo cohort's growth report shows the change from pre to post, as tables and as CSV", async ({ browser }, testInfo) => {
	// A cohort of three through pre- and post-test in the browser would mean every module done by three learners: the
	// demo seed (src/lib/server/demo-growth.ts, run by the web server command) holds that cohort, rated.
	test.setTimeout(90_000);
	const sp = await signedIn(browser, DEMO_SUPERVISOR, DEMO_PASSWORD);
	await goto(sp, '/supervisor');
	const cohortUrl = await sp.locator('a[href^="/supervisor/cohorts/"]', { hasText: 'Opleidingsgroep GZ 2026' }).first().getAttribute('href');
	expect(cohortUrl).toMatch(/^\/supervisor\/cohorts\/[0-9a-f-]{36}$/);
	await goto(sp, cohortUrl ?? '');
	const growthUrl = await sp.getByRole('link', { name: 'Groei (voor- en nameting)' }).getAttribute('href');
	expect(growthUrl).toBe(`${cohortUrl}/groei`);
	await goto(sp, growthUrl ?? '');
	await expect(sp.getByRole('heading', { name: 'Groei: Opleidingsgroep GZ 2026', level: 1 })).toBeVisible();
	await expect(sp.getByText('3 deelnemers.')).toBeVisible();
	await expect(sp.getByText('Nog niets te tonen')).toHaveCount(0);
	// The paired change per skill: n = 3, a positive difference and a 95% CI (the demo's scores vary, and rise).
	await expectFilledReport(sp, 3);
	// The peers who rated the cohort's group-shared response: one by name and calibrated, one unnamed and not.
	const peers = sp.getByRole('table', { name: /^Wie de antwoorden beoordeelde/ });
	await expect(
		peers
			.getByRole('row', { name: /^Lotte Bakker/ })
			.locator('td')
			.nth(1)
	).toHaveText(/\d/);
	await expect(peers.getByRole('row', { name: /^Groepslid 1 \(naam niet gedeeld\)/ })).toContainText('Niet gekalibreerd');
	const completion = sp.getByRole('table', { name: /^Aantal deelnemers/ });
	await expect(
		completion
			.getByRole('row', { name: /^Gemaakt/ })
			.locator('td')
			.nth(0)
	).toHaveText('3');
	await expect(
		completion
			.getByRole('row', { name: /^Gemaakt/ })
			.locator('td')
			.nth(1)
	).toHaveText('3');
	await expect(sp.getByRole('heading', { name: 'Wat deze cijfers wel en niet laten zien' })).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(sp, testInfo, 'rating-growth');

	const csvHref = await sp.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
	const csv = await sp.request.get(csvHref ?? '');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('Nameting − voormeting');
	expect(text).toContain('d_av');
	expect(text).not.toContain('Youssef');
});

/** The growth report's change table (per skill n, a positive difference, d_av and a CI) and agreement between two raters. */
/**
 * The demo's figures on a growth report. `exact`: the demo cohort's own report (its 3 trainees, each skill gaining);
 * otherwise the institute's, where other specs' cohorts (tests/e2e/growth.spec.ts rates whole cohorts) may add trainees
 * and raters to the same database, so only "at least" holds.
 */
async function expectFilledReport(page: Page, learners: number, exact = true) {
	const figure = async (cell: ReturnType<Page['locator']>) => Number((await cell.innerText()).replace(',', '.').replace('−', '-'));
	const rows = page.getByRole('table', { name: /^Gepaarde verandering/ }).locator('tbody tr');
	expect(await rows.count()).toBe(7);
	for (const row of await rows.all()) {
		if (exact) {
			await expect(row.locator('td').nth(0)).toHaveText(String(learners));
			expect(await figure(row.locator('td').nth(1))).toBeGreaterThan(0);
		} else expect(await figure(row.locator('td').nth(0))).toBeGreaterThanOrEqual(learners);
		await expect(row.locator('td').nth(3)).toHaveText(/^[−-]?\d+,\d\d – [−-]?\d+,\d\d$/);
	}
	const agreement = page.getByRole('table', { name: /^Per vaardigheid, over antwoorden/ }).locator('tbody tr');
	expect(await agreement.count()).toBe(6);
	for (const row of await agreement.all()) {
		await expect(row.locator('td').nth(0)).toHaveText(/^[−-]?\d,\d\d$/);
		expect(await figure(row.locator('td').nth(2))).toBeGreaterThanOrEqual(2);
		if (exact) await expect(row.locator('td').nth(3)).toHaveText('2');
		else expect(await figure(row.locator('td').nth(3))).toBeGreaterThanOrEqual(2);
	}
}

test("the course owner's growth report across cohorts: every trainee together, a row per cohort, the CSV without names", async ({ browser }, testInfo) => {
	test.setTimeout(90_000);
	const ap = await signedIn(browser, DEMO_ADMIN, DEMO_PASSWORD);
	await goto(ap, '/beheer/toets');
	await ap.getByRole('link', { name: 'Naar de groei over alle groepen' }).click();
	await ap.waitForURL(/\/beheer\/groei$/);
	await expect(ap.getByRole('heading', { name: 'Groei over alle groepen', level: 1 })).toBeVisible();
	// The Beheer link (to /beheer/toets) marks its section here, without claiming to be this page.
	await expect(ap.getByRole('navigation').first().getByRole('link', { name: 'Beheer' })).toHaveAttribute('aria-current', 'true');
	// Other specs' cohorts count too (the whole e2e run shares a database): the growth walk's add tested trainees.
	await expect(ap.getByText(/^\d+ deelnemers\. Scores/)).toBeVisible();
	await expectFilledReport(ap, 3, false);
	const cohorts = ap.getByRole('table', { name: /^Per groep/ });
	await expect(
		cohorts
			.getByRole('row', { name: /^Opleidingsgroep GZ 2026/ })
			.locator('td')
			.nth(0)
	).toHaveText('3');
	await expect(cohorts.getByRole('row', { name: /^Najaarsgroep 2026/ })).toContainText('Minder dan 3 deelnemers: niets te tonen.');
	await expect(cohorts.getByRole('row', { name: /^Najaarsgroep 2026/ }).locator('td')).toHaveCount(1);
	await expect(ap.getByRole('heading', { name: 'Wat deze cijfers wel en niet laten zien' })).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(ap, testInfo, 'beheer-growth');

	const csvHref = await ap.getByRole('link', { name: 'Download als CSV' }).getAttribute('href');
	expect(csvHref).toBe('/beheer/groei/groei.csv');
	const csv = await ap.request.get(csvHref ?? '');
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toContain('text/csv');
	const text = await csv.text();
	expect(text).toContain('d_av');
	for (const name of ['Youssef', 'Lotte', 'Sanne', 'Marieke', 'Hans']) expect(text).not.toContain(name);

	// Only the course owner: the demo supervisor gets "not found" for the page and the file.
	const sp = await signedIn(browser, DEMO_SUPERVISOR, DEMO_PASSWORD);
	expect((await goto(sp, '/beheer/groei'))?.status()).toBe(404);
	expect((await sp.request.get('/beheer/groei/groei.csv')).status()).toBe(404);
});

test('a cohort of two learners gets no growth report, and no CSV', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const sp = await signedIn(browser, supervisorFor(testInfo), SUPERVISOR_PASSWORD);
	const { cohortUrl, invite } = await cohortWithInvite(sp, `Twee ${testInfo.project.name} ${Date.now()}`);
	for (const name of ['Twee A', 'Twee B']) await (await joinCohort(browser, testInfo, invite, `${name} ${Date.now() % 100000}`)).context().close();
	await goto(sp, cohortUrl);
	await sp.getByRole('link', { name: 'Groei (voor- en nameting)' }).click();
	await sp.waitForURL(/\/groei$/);
	await expect(sp.getByText('Nog niets te tonen: een groepsrapport begint bij 3 deelnemers.')).toBeVisible();
	await expect(sp.getByRole('table')).toHaveCount(0);
	await expect(sp.getByRole('link', { name: 'Download als CSV' })).toHaveCount(0);
	expect((await sp.request.get(`${cohortUrl}/groei/groei.csv`)).status()).toBe(404);
	if (hasJs(testInfo)) await axeCheck(sp, testInfo, 'rating-growth-too-few');
});
