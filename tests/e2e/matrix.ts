/**
 * What the authorization matrices share (tests/e2e/supervision.spec.ts and tests/e2e/authz-matrix.spec.ts): the people
 * they are made of — a supervisor's cohort with an invited trainee, an intervision group — and the runner that asks
 * every request as every role, at the HTTP level, and counts what came back.
 */
import { expect, type Browser, type Page, type TestInfo } from '@playwright/test';
import { SUPERVISOR_ONE, SUPERVISOR_PASSWORD } from './accounts';
import { goto, login, register, uniqueEmail } from './helpers';

/** A signed-in page of its own (a context of its own, so that its cookies are its own). */
export async function signedInPage(browser: Browser, email = SUPERVISOR_ONE, password = SUPERVISOR_PASSWORD): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await login(page, email, password);
	await expect(page).toHaveURL(/\/dashboard$/);
	return page;
}

/** A supervisor makes a cohort and an invite link; returns the cohort URL and the link. */
export async function cohortWithInvite(sp: Page, name: string) {
	await goto(sp, '/supervisor');
	await sp.getByLabel('Naam van de groep').fill(name);
	await sp.getByRole('button', { name: 'Groep aanmaken' }).click();
	await sp.waitForURL(/\/supervisor\/cohorts\/[0-9a-f-]{36}$/);
	const cohortUrl = new URL(sp.url()).pathname;
	await sp.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	const invite = await sp.getByLabel('Uitnodigingslink').inputValue();
	expect(invite).toMatch(/\/join\/[a-z2-7]{32}$/);
	return { cohortUrl, invite: new URL(invite).pathname };
}

/** A new trainee registers through the cohort's invite link and joins; returns their e-mail address. */
export async function joinCohort(tp: Page, testInfo: TestInfo, invite: string, name: string): Promise<string> {
	const email = uniqueEmail(testInfo, 'cohort');
	await goto(tp, invite);
	await tp.getByRole('main').getByRole('link', { name: 'Account maken' }).click();
	await tp.waitForURL(/\/register/);
	await register(tp, email, name, invite);
	await tp.getByRole('button', { name: 'Deelnemen' }).click();
	await expect(tp.getByText('Je zit nu in de opleidingsgroep.')).toBeVisible();
	return email;
}

/** The user on `page` starts an intervision group; returns its path and an invite link's path. */
export async function groupWithInvite(page: Page, name: string) {
	await goto(page, '/groups');
	await page.getByLabel('Naam van de groep').fill(name);
	await page.getByRole('button', { name: 'Groep beginnen' }).click();
	await page.waitForURL(/\/groups\/[0-9a-f-]{36}/);
	const groupUrl = new URL(page.url()).pathname;
	await page.getByRole('button', { name: 'Nieuwe uitnodigingslink' }).click();
	return { groupUrl, invite: new URL(await page.getByLabel('Uitnodigingslink').inputValue()).pathname };
}

/** The user on `page` joins a group by its invite link. */
export async function joinGroup(page: Page, invite: string) {
	await goto(page, invite);
	await page.getByRole('button', { name: 'Deelnemen' }).click();
	await expect(page.getByText('Welkom in de groep.')).toBeVisible();
}

/** GET as this page's user, without following a redirect (303 to the login page is the answer for a stranger). */
export async function getStatus(page: Page, url: string): Promise<number> {
	return (await page.request.get(url, { maxRedirects: 0, headers: { accept: 'text/html' } })).status();
}

/** A form post as this page's user, from the site's own origin (so the CSRF check lets it through to the action). */
export async function postStatus(page: Page, url: string, form: Record<string, string>): Promise<number> {
	return (await page.request.post(url, { maxRedirects: 0, form, headers: { accept: 'text/html', origin: new URL(page.url()).origin } })).status();
}

/** One row of a matrix: a request, asked as each role, and the status each role must get. */
export type MatrixCase<Who extends string> = [name: string, call: (who: Who) => Promise<number>, expected: Record<Who, number>];

const ok = (status: number) => status >= 200 && status < 300;

/**
 * Asks every case as every role, in the order given (refused roles first, so a write the owner makes afterwards
 * finds the object as the refused ones left it), and records the matrix's size and its unauthorized 2xx answers —
 * a 2xx where the row expects a refusal — as annotations. Returns each answer that differs from the row.
 */
export async function runMatrix<Who extends string>(testInfo: TestInfo, roles: readonly Who[], cases: readonly MatrixCase<Who>[]): Promise<string[]> {
	const found: string[] = [];
	let unauthorized = 0;
	for (const [name, call, expected] of cases) {
		for (const who of roles) {
			const status = await call(who);
			if (ok(status) && !ok(expected[who])) unauthorized++;
			if (status !== expected[who]) found.push(`${name} as ${who}: ${status}, expected ${expected[who]}`);
		}
	}
	testInfo.annotations.push({ type: 'matrix', description: `${cases.length} requests × ${roles.length} roles = ${cases.length * roles.length} checks` });
	testInfo.annotations.push({ type: 'unauthorized 2xx', description: String(unauthorized) });
	return found;
}
