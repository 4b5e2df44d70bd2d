import { expect, test, type Page } from '@playwright/test';
import { SUPERVISOR_TWO } from './accounts';
import { goto, register, uniqueEmail, walkVignette } from './helpers';
import { cohortWithInvite, getStatus, groupWithInvite, joinCohort, joinGroup, postStatus, runMatrix, signedInPage, type MatrixCase } from './matrix';

const VIGNETTE = 'vignette:vignet-samen-lachen';
const inAWeek = () => new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
/** A due date as every page shows it: the day picked, also on a server whose clock runs in UTC. */
const dueText = (date: string) =>
	`inleveren uiterlijk ${new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`))}`;

/** Assigns the vignette to one trainee, due in a week; returns the due date (YYYY-MM-DD). */
async function assign(sp: Page, cohortUrl: string, traineeName: string): Promise<string> {
	const due = inAWeek();
	await goto(sp, cohortUrl);
	await expect(sp.getByRole('rowheader', { name: traineeName })).toBeVisible();
	await sp.getByRole('link', { name: 'Nieuwe opdracht geven' }).click();
	await sp.waitForURL(/\/assign$/);
	await sp.getByLabel('Wat').selectOption(VIGNETTE);
	await sp.getByLabel('Inleveren uiterlijk op').fill(due);
	await sp.getByLabel('Toelichting (optioneel)').fill('Kies bewust; we bespreken het.');
	await sp.getByLabel('Alleen de aangevinkte deelnemers').check();
	await sp.getByLabel(traineeName, { exact: true }).check();
	await sp.getByRole('button', { name: 'Opdracht geven' }).click();
	// Back on the cohort page, which says so and lists the assignment.
	await sp.waitForURL((url) => url.pathname === cohortUrl);
	await expect(sp.getByText('De opdracht staat klaar bij de deelnemers.')).toBeVisible();
	await expect(sp.getByText(dueText(due))).toBeVisible();
	return due;
}

test('supervisor invites, trainee joins, works and submits an assignment, supervisor reviews, trainee reads and replies', async ({ browser }, testInfo) => {
	test.setTimeout(120_000);
	const sp = await signedInPage(browser);
	const tp = await (await browser.newContext()).newPage();
	const trainee = `Deelnemer ${testInfo.project.name} ${Date.now() % 100000}`;
	const { cohortUrl, invite } = await cohortWithInvite(sp, `Groep ${testInfo.project.name} ${Date.now()}`);
	await joinCohort(tp, testInfo, invite, trainee);
	const due = await assign(sp, cohortUrl, trainee);

	await goto(tp, '/dashboard');
	await expect(tp.getByText(dueText(due))).toBeVisible();
	await tp.getByRole('link', { name: 'Samen lachen tot de tranen komen' }).click();
	await tp.waitForURL(/\/assignments\/\d+$/);
	const assignmentUrl = new URL(tp.url()).pathname;
	await expect(tp.getByText(dueText(due))).toBeVisible();
	await expect(tp.getByText('Kies bewust; we bespreken het.')).toBeVisible();
	await tp.locator('ul.items a').first().click();
	await tp.waitForURL(/\/modules\//);
	await walkVignette(tp);
	const chosen = (await tp.locator('.summary li').first().innerText()).trim();

	await goto(tp, assignmentUrl);
	await expect(tp.getByText("ook als ze op 'privé' staan")).toBeVisible();
	await tp.getByRole('button', { name: 'Inleveren bij mijn supervisor' }).click();
	await expect(tp.getByText('Ingeleverd. Je supervisor kan je werk nu lezen.')).toBeVisible();
	await expect(tp.getByRole('button', { name: 'Inleveren bij mijn supervisor' })).toHaveCount(0);

	await goto(sp, cohortUrl);
	await sp.getByRole('link', { name: new RegExp(`^Lezen en feedback geven\\s*: ${trainee}$`) }).click();
	await expect(sp.getByText(chosen).first()).toBeVisible();
	await sp.getByLabel('Feedback voor de deelnemer').fill('Mooi dat je bleef zitten met de stilte.');
	await sp.getByRole('button', { name: 'Feedback geven en als besproken markeren' }).click();
	await expect(sp.getByText('Je feedback is opgeslagen')).toBeVisible();

	await goto(tp, '/dashboard');
	await expect(tp.getByText('Nieuwe feedback')).toBeVisible();
	await goto(tp, assignmentUrl);
	await expect(tp.getByText('Mooi dat je bleef zitten met de stilte.')).toBeVisible();
	await tp.getByLabel('Reageer op de feedback').fill('Dank je, dat neem ik mee.');
	await tp.getByRole('button', { name: 'Reactie versturen' }).click();
	await expect(tp.getByText('Dank je, dat neem ik mee.')).toBeVisible();
	await expect(tp.getByLabel('Reageer op de feedback')).toHaveCount(0);

	// The supervisor's read of the submission is in the trainee's access log.
	await goto(tp, '/my-data');
	await expect(tp.getByText('Supervisor one').first()).toBeVisible();
});

test('authorization matrix: who gets what, by page, action and guessed id', async ({ browser }, testInfo) => {
	test.skip(testInfo.project.name !== 'js', 'HTTP-level matrix; one browser project is enough');
	test.setTimeout(120_000);
	const s1 = await signedInPage(browser);
	const s2 = await signedInPage(browser, SUPERVISOR_TWO);
	const a = await (await browser.newContext()).newPage();
	const b = await (await browser.newContext()).newPage();
	const anonymous = await (await browser.newContext()).newPage();
	const g = await (await browser.newContext()).newPage();
	const { cohortUrl, invite } = await cohortWithInvite(s1, `Matrix ${Date.now()}`);
	await joinCohort(a, testInfo, invite, 'Trainee A');
	await register(b, uniqueEmail(testInfo, 'b'), 'Trainee B');
	// G is in an intervision group with A: a peer, not a supervisor.
	await register(g, uniqueEmail(testInfo, 'g'), 'Group member G');
	const { groupUrl, invite: groupInvite } = await groupWithInvite(g, `Matrixgroep ${Date.now()}`);
	await joinGroup(a, groupInvite);
	await goto(anonymous, '/');
	await assign(s1, cohortUrl, 'Trainee A');
	await goto(a, '/dashboard');
	const assignmentUrl = await a.locator('ul.assignments a').first().getAttribute('href');
	await goto(a, assignmentUrl ?? '');
	await a.getByRole('button', { name: 'Inleveren bij mijn supervisor' }).click();
	await expect(a.getByText('Ingeleverd.')).toBeVisible();
	await goto(s1, cohortUrl);
	const reviewUrl = await s1.getByRole('link', { name: /Lezen en feedback geven/ }).getAttribute('href');
	const traineeUrl = await s1.getByRole('rowheader', { name: 'Trainee A' }).getByRole('link').getAttribute('href');
	const cohortId = cohortUrl.split('/').pop();
	const guessedCohort = '/supervisor/cohorts/00000000-0000-4000-8000-000000000000';

	type Who = 'a' | 'b' | 'g' | 's1' | 's2' | 'anon';
	const pages: Record<Who, Page> = { a, b, g, s1, s2, anon: anonymous };
	const get = (who: Who, url: string) => getStatus(pages[who], url);
	const post = (who: Who, url: string, form: Record<string, string>) => postStatus(pages[who], url, form);

	const cases: MatrixCase<Who>[] = [
		['cohort page', (w) => get(w, cohortUrl), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['guessed cohort id', (w) => get(w, guessedCohort), { s1: 404, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['cohort CSV export', (w) => get(w, `${cohortUrl}/export.csv?reflections=1`), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['trainee page', (w) => get(w, traineeUrl ?? ''), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['review page', (w) => get(w, reviewUrl ?? ''), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['assignment page', (w) => get(w, assignmentUrl ?? ''), { a: 200, b: 404, s1: 404, s2: 404, anon: 303, g: 404 }],
		['supervision home', (w) => get(w, '/supervisor'), { s1: 200, s2: 200, a: 404, b: 404, anon: 303, g: 404 }],
		['give feedback', (w) => post(w, `${reviewUrl}?/feedback`, { feedback: 'x' }), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['make an invite', (w) => post(w, `${cohortUrl}?/invite`, {}), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		['assign page', (w) => get(w, `${cohortUrl}/assign`), { s1: 200, s2: 404, a: 404, b: 404, anon: 303, g: 404 }],
		// Done, the action redirects to the cohort (303); refused, it is a 404 as everywhere else.
		[
			'assign',
			(w) => post(w, `${cohortUrl}/assign`, { target: VIGNETTE, due: inAWeek(), who: 'all', note: '' }),
			{ s1: 303, s2: 404, a: 404, b: 404, anon: 303, g: 404 }
		],
		["submit someone else's assignment", (w) => post(w, `${assignmentUrl}?/submit`, {}), { a: 409, b: 404, s1: 404, s2: 404, anon: 303, g: 404 }],
		["reply to someone else's feedback", (w) => post(w, `${assignmentUrl}?/reply`, { reply: 'x' }), { a: 303, b: 404, s1: 404, s2: 404, anon: 303, g: 404 }],
		['group page', (w) => get(w, groupUrl), { g: 200, a: 200, b: 404, s1: 404, s2: 404, anon: 303 }],
		['group results', (w) => get(w, `${groupUrl}/results`), { g: 200, a: 200, b: 404, s1: 404, s2: 404, anon: 303 }],
		['group discussion', (w) => get(w, `${groupUrl}/discussion`), { g: 200, a: 200, b: 404, s1: 404, s2: 404, anon: 303 }],
		['group meeting', (w) => get(w, `${groupUrl}/meeting`), { g: 200, a: 200, b: 404, s1: 404, s2: 404, anon: 303 }],
		['leave a cohort one is not in', (w) => post(w, `/dashboard?/leave`, { cohort: cohortId ?? '' }), { a: 200, b: 404, s1: 404, s2: 404, anon: 303, g: 404 }]
	];
	expect(await runMatrix<Who>(testInfo, ['b', 'g', 's2', 'anon', 's1', 'a'], cases)).toEqual([]);
});
