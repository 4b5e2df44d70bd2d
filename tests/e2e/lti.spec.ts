/**
 * The browser part of an LTI 1.3 launch against the platform double of tests/integration/lti/platform.ts
 * (registered by playwright.config.ts): the platform's page posts the login initiation to Ontroerd from
 * another site (127.0.0.1 vs localhost), Ontroerd redirects to the platform's authentication endpoint with a
 * SameSite=None state cookie, the platform posts the id_token back, and the learner lands signed in. With
 * JavaScript the forms post themselves; without, the learner presses their buttons.
 */
import { expect, test } from '@playwright/test';
import { startPlatform, type Platform } from '../integration/lti/platform';
import { hasJs } from './helpers';
import { axeCheck } from './axe';
import { LTI_CLIENT_ID, LTI_DEPLOYMENT_ID, ltiPlatformPort } from './lti-platforms';

const LESSON = '/modules/tranen-in-de-therapiekamer/hoe-vaak-therapeuten-huilen';
let platform: Platform;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }, testInfo) => {
	const appPort = Number(new URL(baseURL ?? '').port);
	platform = await startPlatform({
		port: ltiPlatformPort(appPort, testInfo.project.name),
		clientId: LTI_CLIENT_ID,
		deploymentId: LTI_DEPLOYMENT_ID,
		toolJwks: async () => (await fetch(`${baseURL}/lti/jwks`)).json() as Promise<{ keys: [] }>
	});
});
test.afterAll(async () => platform?.close());

/** Presses the platform's (or Ontroerd's) form button where no script does it. */
async function continueWithoutScript(page: import('@playwright/test').Page, name: RegExp) {
	if (!hasJs(test.info())) await page.getByRole('button', { name }).click();
}

test('a launch from the LMS signs the learner in and lands on the linked lesson', async ({ page, baseURL }, testInfo) => {
	const sub = `e2e-${testInfo.project.name}-${Date.now()}`;
	await page.goto(`${platform.issuer}/start?tool=${encodeURIComponent(baseURL ?? '')}&target=${encodeURIComponent(LESSON)}&sub=${sub}`);
	await continueWithoutScript(page, /Start Ontroerd/);
	await continueWithoutScript(page, /Continue to the tool/);
	await expect(page).toHaveURL(new RegExp(`${LESSON}$`));
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	// Signed in: the data page opens instead of the login form.
	await page.goto('/my-data');
	await expect(page).toHaveURL(/\/my-data$/);
	// The state cookie was used up by the launch.
	const cookies = await page.context().cookies();
	expect(cookies.some((c) => c.name.startsWith('lti-state-'))).toBe(false);
});

test('a launch whose state cookie is missing is refused with a readable page', async ({ page, baseURL }) => {
	// The state cookie is gone by the time the platform posts back, as when the browser blocks it (the browser adds
	// cookies after the interception, so they are cleared there; a redirect's target, /auth, cannot be intercepted).
	await page.route(
		(url) => url.pathname === '/lti/launch',
		async (route) => {
			await page.context().clearCookies();
			await route.continue();
		}
	);
	await page.goto(`${platform.issuer}/start?tool=${encodeURIComponent(baseURL ?? '')}&target=${encodeURIComponent(LESSON)}&sub=e2e-refused`);
	await continueWithoutScript(page, /Start Ontroerd/);
	await continueWithoutScript(page, /Continue to the tool/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Openen vanuit je leeromgeving lukte niet');
	await expect(page.getByText(/state-mismatch/)).toBeVisible();
});

test('inside a frame the login initiation offers a new window instead', async ({ page, baseURL }) => {
	await page.goto(`${platform.issuer}/frame?tool=${encodeURIComponent(baseURL ?? '')}&target=${encodeURIComponent(LESSON)}&sub=e2e-framed`);
	const frame = page.frameLocator('iframe');
	if (!hasJs(test.info())) await frame.getByRole('button', { name: /Start Ontroerd/ }).click();
	const open = frame.getByRole('button', { name: 'Openen in een nieuw venster' });
	await expect(open).toBeVisible();
	const popup = page.waitForEvent('popup');
	await open.click();
	const window = await popup;
	await continueWithoutScript(window, /Continue to the tool/);
	await expect(window).toHaveURL(new RegExp(`${LESSON}$`));
});

test('deep linking: the instructor picks modules and the signed answer reaches the platform', async ({ page, baseURL }, testInfo) => {
	const sub = `e2e-teacher-${testInfo.project.name}-${Date.now()}`;
	await page.goto(`${platform.issuer}/start?tool=${encodeURIComponent(baseURL ?? '')}&target=${encodeURIComponent('/lti/deep-link')}&sub=${sub}&deep=1`);
	await continueWithoutScript(page, /Start Ontroerd/);
	await continueWithoutScript(page, /Continue to the tool/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Onderdelen in je cursus plaatsen');
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'lti-deep-link');
	// Nothing chosen: the picker says so and nothing leaves.
	await page.getByRole('button', { name: 'Plaatsen in de cursus' }).click();
	await expect(page.getByRole('alert')).toHaveText('Kies ten minste één onderdeel.');
	await page.getByRole('checkbox', { name: /Tranen in de therapiekamer \(module\)/ }).check();
	await page
		.getByRole('checkbox', { name: /\(casus\)/ })
		.first()
		.check();
	await page.getByRole('button', { name: 'Plaatsen in de cursus' }).click();
	await continueWithoutScript(page, /Doorgaan/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Placed in the course');
	await expect(page.getByRole('listitem')).toHaveCount(2);
	await expect(page.getByRole('listitem').first()).toHaveText('Tranen in de therapiekamer');
});

test('roster: an instructor from the LMS fetches the course’s learners into their cohort', async ({ page, baseURL }, testInfo) => {
	const sub = `e2e-instructor-${testInfo.project.name}-${Date.now()}`;
	platform.state.members = [
		{ user_id: `${sub}-l1`, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Learner'], status: 'Active', name: 'Lotte Leerling' },
		{ user_id: `${sub}-l2`, roles: ['Learner'], status: 'Active', name: 'Lars Leerling' },
		{ user_id: sub, roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'], status: 'Active' }
	];
	await page.goto(`${platform.issuer}/start?tool=${encodeURIComponent(baseURL ?? '')}&target=%2Fsupervisor&sub=${sub}&role=instructor`);
	await continueWithoutScript(page, /Start Ontroerd/);
	await continueWithoutScript(page, /Continue to the tool/);
	await expect(page).toHaveURL(/\/dashboard$/); // /supervisor is no course page: the dashboard
	await page.goto('/supervisor');
	await page.getByRole('link', { name: 'Deelnemers uit de leeromgeving ophalen' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deelnemers uit de leeromgeving');
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'lti-roster');
	await page.getByRole('button', { name: 'Deelnemers ophalen voor GZ-opleiding' }).click();
	await expect(page.getByRole('status')).toHaveText('2 deelnemers gevonden, 2 nieuw.');
	await page.getByRole('link', { name: 'GZ-opleiding' }).click();
	await expect(page.getByText('Lotte Leerling').first()).toBeVisible();
	await expect(page.getByText('Lars Leerling').first()).toBeVisible();
});
