import { expect, test } from '@playwright/test';
import { startLrs, type Lrs } from '../integration/xapi/lrs';
import { axeCheck } from './axe';
import { hasJs } from './helpers';

/** The LMS double of this project: playwright.config.ts lets the server trust port + 1 (js) and port + 2 (nojs). */
const port = Number(process.env.E2E_PORT ?? 4173);
let lms: Lrs;

// One LMS double per project on a fixed port: its tests run one after another in one worker.
test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
	lms = await startLrs({ key: 'k', secret: 's', port: port + (test.info().project.name === 'nojs' ? 2 : 1) });
});
test.afterAll(async () => lms?.close());

function launchUrl(registration: string, learner: string): string {
	lms.registrations.add(registration);
	const query = new URLSearchParams({
		endpoint: lms.endpoint,
		fetch: lms.fetchUrl(`e2e-${registration}`),
		actor: JSON.stringify({ objectType: 'Agent', name: 'Lotte LMS', account: { homePage: 'https://lms.example.nl', name: learner } }),
		registration,
		activityId: 'https://lms.example.nl/au/tranen'
	});
	return `/cmi5/launch/tranen-in-de-therapiekamer?${query}`;
}

test('an LMS launches a module over cmi5: the learner lands signed in, closes the session and is back in the LMS; the LMS gets initialized and terminated', async ({
	page
}, testInfo) => {
	const origin = new URL(lms.endpoint).origin;
	lms.launchData = { launchMode: 'Normal', moveOn: 'Completed', returnURL: `${origin}/return`, contextTemplate: {} };
	await page.goto(launchUrl(crypto.randomUUID(), `e2e-${testInfo.project.name}`));
	await expect(page).toHaveURL(/\/modules\/tranen-in-de-therapiekamer$/);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'cmi5-module');
	await page.getByRole('button', { name: 'Afsluiten en terug naar je leeromgeving' }).click();
	await expect(page.getByRole('heading', { level: 1, name: 'Sessie afgesloten' })).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'cmi5-closed');
	await page.getByRole('link', { name: 'Terug naar je leeromgeving' }).click();
	await expect(page.getByRole('heading', { name: 'Back in the LMS' })).toBeVisible();
	// The server's sender runs every 5 seconds; the statements reach the LMS's LRS through the outbox.
	await expect
		.poll(() => [...lms.stored.values()].map((s) => (s.verb as { id: string }).id), { timeout: 20_000 })
		.toEqual(['http://adlnet.gov/expapi/verbs/initialized', 'http://adlnet.gov/expapi/verbs/terminated']);
	expect(lms.refused).toEqual([]);
});

test('a launch the LMS cannot back up is refused with a message in Dutch, and signs nobody in', async ({ page }, testInfo) => {
	await page.goto('/cmi5/launch/tranen-in-de-therapiekamer?endpoint=x&fetch=y');
	await expect(page).toHaveURL(/\/cmi5\/refused$/);
	await expect(page.getByRole('heading', { level: 1, name: 'Openen is niet gelukt' })).toBeVisible();
	await expect(page.getByText('Deze module kon niet vanuit je leeromgeving worden geopend.')).toBeVisible();
	if (hasJs(testInfo)) await axeCheck(page, testInfo, 'cmi5-refused');
	// Nobody was signed in: the dashboard sends a visitor to the login page.
	await page.goto('/dashboard');
	await expect(page).toHaveURL(/\/login/);
});
