/**
 * Issue 19: the authorization matrix over everything added since tests/e2e/supervision.spec.ts's — practice, ratings
 * and calibration, the cohort growth report, the final test, the item analysis, certificates and credentials — as
 * eight roles: a stranger, the learner themself (A), another learner (B), the cohort's supervisor (S1), another
 * supervisor (S2), a member of A's intervision group (G), a member of another group (H) and the administrator.
 * Objects are asked for by id as someone else would guess them. Besides the status, the pages every signed-in user
 * may open are read for what they must not show (someone else's response, queue entry or certificate), the public
 * verification page for anything beyond initials and surname, and LTI launches with a forged or replayed id_token
 * must each be refused with nothing signed in. HTTP-level: one browser project is enough.
 */
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { startPlatform } from '../integration/lti/platform';
import { ADMIN, SUPERVISOR_PASSWORD, SUPERVISOR_TWO } from './accounts';
import { passTestAndEvaluate } from './final-test';
import { goto, register, uniqueEmail } from './helpers';
import { LTI_CLIENT_ID, LTI_DEPLOYMENT_ID, ltiPlatformPort } from './lti-platforms';
import { cohortWithInvite, getStatus, groupWithInvite, joinCohort, joinGroup, postStatus, runMatrix, signedInPage, type MatrixCase } from './matrix';

const DEMO_SUPERVISOR = 'supervisor@demo.ontroerd.nl';
const DEMO_PASSWORD = 'ontroerd-demo-2026';
/** Two practice drills: A answers the first twice; the second is "another drill" for A's response ids. */
const DRILL = 'oefening-tranen-dochter-terugzien';
const OTHER_DRILL = 'oefening-excuses-ilse';
const RUBRIC = ['bij-de-emotie', 'benoemen-en-erkennen', 'client-centraal', 'regie', 'eigen-emotie', 'betekenis'];
const GUESSED_COHORT = '/supervisor/cohorts/00000000-0000-4000-8000-000000000000';

const drillSkills = (id: string) => (parse(readFileSync(`content/oefenen/${id}.nl.yaml`, 'utf8')) as { skills: string[] }).skills;
const scores = (skills: readonly string[], score: number) => Object.fromEntries(skills.map((s) => [`skill-${s}`, String(score)]));

/** A answers the drill, rates it and shares it (`supervisor` or `group:<id>`); returns the response's id. */
async function respondAndShare(page: Page, drill: string, body: string, visibility: string): Promise<number> {
	const origin = new URL(page.url()).origin;
	const post = (action: string, form: Record<string, string>) =>
		page.request.post(`/oefenen/${drill}?/${action}`, { maxRedirects: 0, form, headers: { accept: 'text/html', origin } });
	const answered = await post('respond', { body, bodyNote: '', place: 'practice', writeKey: '' });
	expect(answered.status()).toBe(303);
	const id = new URL(answered.headers().location ?? '', origin).searchParams.get('antwoord');
	expect(id).toMatch(/^\d+$/);
	expect((await post('rate', { response: id ?? '', difficulty: 'about-right', ...scores(drillSkills(drill), 3) })).status()).toBe(303);
	expect((await post('share', { response: id ?? '', visibility })).status()).toBe(303);
	return Number(id);
}

test('authorization matrix over practice, ratings, growth, the final test and certificates, by role and guessed id', async ({ browser }, testInfo) => {
	test.skip(testInfo.project.name !== 'js', 'HTTP-level matrix; one browser project is enough');
	test.setTimeout(240_000);
	const newPage = async () => (await browser.newContext()).newPage();
	const [a, b, g, h, anon] = await Promise.all([newPage(), newPage(), newPage(), newPage(), newPage()]);
	const [s1, s2, admin, demo] = await Promise.all([
		signedInPage(browser),
		signedInPage(browser, SUPERVISOR_TWO),
		signedInPage(browser, ADMIN, SUPERVISOR_PASSWORD),
		signedInPage(browser, DEMO_SUPERVISOR, DEMO_PASSWORD)
	]);
	await goto(anon, '/');

	// A is in S1's cohort and in G's group; H has a group of their own; B is in neither.
	const stamp = Date.now();
	const { cohortUrl, invite } = await cohortWithInvite(s1, `Matrix ${stamp}`);
	const aEmail = await joinCohort(a, testInfo, invite, `Trainee A ${stamp}`);
	await register(b, uniqueEmail(testInfo, 'b'), 'Trainee B');
	await register(g, uniqueEmail(testInfo, 'g'), 'Group member G');
	await register(h, uniqueEmail(testInfo, 'h'), 'Group member H');
	const group = await groupWithInvite(g, `Matrixgroep ${stamp}`);
	await groupWithInvite(h, `Andere groep ${stamp}`);
	await joinGroup(a, group.invite);
	const groupId = group.groupUrl.split('/')[2] ?? '';

	// A's two responses: one shared with the supervisor, one with the group.
	const forSupervisor = `Ik zie dat het je raakt (${stamp}, supervisor).`;
	const forGroup = `Je mag hier huilen (${stamp}, groep).`;
	const r1 = await respondAndShare(a, DRILL, forSupervisor, 'supervisor');
	const r2 = await respondAndShare(a, DRILL, forGroup, `group:${groupId}`);

	// A passes the final test, evaluates it and gets a certificate in a printed name that is not the account's.
	await passTestAndEvaluate(a, true);
	const printedName = `Anna Maria Matrix${stamp}`;
	const holder = `A.M. Matrix${stamp}`;
	expect(await postStatus(a, '/certificaat', { printedName, register: '', registerNumber: '' })).toBe(200);
	await goto(a, '/certificaat');
	const number = (await a.locator('.number').textContent())?.trim() ?? '';
	expect(number).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{3}$/);

	// The demo cohort (3 trainees with pre- and post-test) has a growth report; the demo's supervisor leads it.
	await goto(demo, '/supervisor');
	const demoCohort = (await demo.locator('a[href^="/supervisor/cohorts/"]', { hasText: 'Opleidingsgroep GZ 2026' }).first().getAttribute('href')) ?? '';
	expect(demoCohort).toMatch(/^\/supervisor\/cohorts\/[0-9a-f-]{36}$/);

	type Who = 'b' | 'h' | 's2' | 'admin' | 'anon' | 'g' | 's1' | 'a';
	const roles: Who[] = ['b', 'h', 's2', 'admin', 'anon', 'g', 's1', 'a'];
	const pages: Record<Who, Page> = { a, b, g, h, s1, s2, admin, anon };
	const get = (who: Who, url: string) => getStatus(pages[who], url);
	const post = (who: Who, url: string, form: Record<string, string> = {}) => postStatus(pages[who], url, form);
	/** For the demo cohort the cohort's supervisor is the demo's: S1 is asked as them. */
	const getAsDemoOwner = (who: Who, url: string) => getStatus(who === 's1' ? demo : pages[who], url);
	/** Every role the same, a stranger sent to the login page. */
	const signedIn = (status: number): Record<Who, number> => ({ b: status, h: status, s2: status, admin: status, g: status, s1: status, a: status, anon: 303 });
	/** Only `who` gets `status`; every other signed-in role "not found"; a stranger the login page. */
	const only = (who: Who, status: number, others = 404): Record<Who, number> => ({ ...signedIn(others), [who]: status });
	const everyone = (status: number): Record<Who, number> => ({ ...signedIn(status), anon: status });
	const supervisors = (status: number): Record<Who, number> => ({ ...signedIn(404), s1: status, s2: status, admin: status });
	/** The id of S1's rating of r1, once it exists (the rating row comes before the reply row). */
	const ratingOfR1 = async () => /name="rating" value="(\d+)"/.exec(await (await a.request.get(`/oefenen/${DRILL}/geschiedenis`)).text())?.[1] ?? '0';

	const cases: MatrixCase<Who>[] = [
		// Practice: each user's own; a response by its id only for its author.
		['practice home', (w) => get(w, '/oefenen'), signedIn(200)],
		['a drill', (w) => get(w, `/oefenen/${DRILL}`), signedIn(200)],
		["A's response by its id", (w) => get(w, `/oefenen/${DRILL}?antwoord=${r1}`), only('a', 200)],
		["A's response under another drill", (w) => get(w, `/oefenen/${OTHER_DRILL}?antwoord=${r1}`), signedIn(404)],
		[
			"self-rate A's response",
			(w) => post(w, `/oefenen/${DRILL}?/rate`, { response: String(r1), difficulty: 'too-hard', ...scores(drillSkills(DRILL), 1) }),
			only('a', 303)
		],
		["share A's response", (w) => post(w, `/oefenen/${DRILL}?/share`, { response: String(r1), visibility: 'supervisor' }), only('a', 303)],
		['drill history (one’s own)', (w) => get(w, `/oefenen/${DRILL}/geschiedenis`), signedIn(200)],
		['pre-test', (w) => get(w, '/oefenen/meting/pre'), signedIn(200)],
		['post-test (closed until every module is done)', (w) => get(w, '/oefenen/meting/post'), signedIn(200)],
		['retention test', (w) => get(w, '/oefenen/meting/retention'), signedIn(200)],
		// Rating: a response by the one it was shared with, never by its author.
		['rating queue (one’s own)', (w) => get(w, '/beoordelen'), signedIn(200)],
		['response shared with the supervisor', (w) => get(w, `/beoordelen/${r1}`), only('s1', 200)],
		['response shared with the group', (w) => get(w, `/beoordelen/${r2}`), only('g', 200)],
		['guessed response id', (w) => get(w, `/beoordelen/${r2 + 100_000}`), signedIn(404)],
		[
			'rate the response shared with the supervisor',
			(w) => post(w, `/beoordelen/${r1}?/rate`, { ...scores(RUBRIC, 4), comment: `Warm (${w})` }),
			only('s1', 303)
		],
		['rate the response shared with the group', (w) => post(w, `/beoordelen/${r2}?/rate`, { ...scores(RUBRIC, 3), comment: `Rustig (${w})` }), only('g', 303)],
		[
			'reply to the rating of A’s response',
			async (w) => post(w, `/oefenen/${DRILL}/geschiedenis?/reply`, { rating: await ratingOfR1(), reply: `Dank (${w})` }),
			only('a', 200)
		],
		['calibration (one’s own)', (w) => get(w, '/beoordelen/kalibratie'), signedIn(200)],
		// The cohort's growth report and its CSV: its supervisor only.
		['growth report', (w) => getAsDemoOwner(w, `${demoCohort}/groei`), only('s1', 200)],
		['growth report CSV', (w) => getAsDemoOwner(w, `${demoCohort}/groei/groei.csv`), only('s1', 200)],
		['growth report of a cohort below 3', (w) => get(w, `${cohortUrl}/groei`), only('s1', 200)],
		['growth report of a guessed cohort', (w) => get(w, `${GUESSED_COHORT}/groei`), signedIn(404)],
		['growth CSV of a guessed cohort', (w) => get(w, `${GUESSED_COHORT}/groei/groei.csv`), signedIn(404)],
		// The final test: attempts are numbered per learner, so "attempt 1" of anyone else is their own, or none.
		['final test (one’s own)', (w) => get(w, '/toets'), signedIn(200)],
		["A's attempt by its number", (w) => get(w, '/toets/1'), only('a', 200)],
		['guessed attempt number', (w) => get(w, '/toets/99'), signedIn(404)],
		["save answers in A's attempt", (w) => post(w, '/toets/1?/save'), only('a', 409)],
		["submit A's attempt", (w) => post(w, '/toets/1?/submit'), only('a', 303)],
		['evaluation (after one’s own attempt)', (w) => get(w, '/toets/evaluatie'), only('a', 200, 303)],
		['send an evaluation without an attempt', (w) => post(w, '/toets/evaluatie'), only('a', 400, 303)],
		// The course owner's pages.
		['item analysis', (w) => get(w, '/beheer/toets'), only('admin', 200)],
		['course evaluation', (w) => get(w, '/beheer/evaluatie'), only('admin', 200)],
		// Certificates: one's own; the downloads carry the holder's name.
		['certificate page (one’s own)', (w) => get(w, '/certificaat'), signedIn(200)],
		['certificate PDF', (w) => get(w, '/certificaat/certificaat.pdf'), only('a', 200)],
		['Open Badge (JSON)', (w) => get(w, '/certificaat/open-badge.json'), only('a', 200)],
		['Open Badge (signed)', (w) => get(w, '/certificaat/open-badge.jwt'), only('a', 200)],
		[
			'request a certificate without a passed test',
			(w) => post(w, '/certificaat', { printedName: `Iemand ${w}`, register: '', registerNumber: '' }),
			only('a', 200, 403)
		],
		// Public by design: verification (initials and surname only, read below) and the issuer's published documents.
		["verify A's certificate", (w) => get(w, `/verify/${number}`), everyone(200)],
		['verify a guessed number', (w) => get(w, '/verify/AAAA-AAAA-AAA'), everyone(404)],
		['issuer profile', (w) => get(w, '/credentials/issuer'), everyone(200)],
		['achievement', (w) => get(w, '/credentials/achievement'), everyone(200)],
		['credential keys', (w) => get(w, '/credentials/jwks'), everyone(200)],
		['revocation status list', (w) => get(w, '/credentials/status/1'), everyone(200)],
		['guessed status list', (w) => get(w, '/credentials/status/2'), everyone(404)],
		// The LMS instructor's pages (supervisors only), with nothing of theirs to give a stranger.
		['LTI roster page', (w) => get(w, '/lti/roster'), supervisors(200)],
		["roster sync of S1's cohort (not from an LMS)", (w) => post(w, '/lti/roster?/sync', { cohort: cohortUrl.split('/').pop() ?? '' }), supervisors(400)],
		['deep-linking picker with a forged ticket', (w) => get(w, '/lti/deep-link?ticket=forged'), supervisors(400)],
		['deep-linking answer with a forged ticket', (w) => post(w, '/lti/deep-link/response', { ticket: 'forged', target: '/dashboard' }), signedIn(400)]
	];
	// Before anyone rates: each response is in the queue of the one it was shared with, and in nobody else's.
	const leaks: string[] = [];
	for (const who of roles.filter((w) => w !== 'anon')) {
		const queue = await (await pages[who].request.get('/beoordelen')).text();
		if (queue.includes(`/beoordelen/${r1}"`) !== (who === 's1')) leaks.push(`r1 ${who === 's1' ? 'missing from' : 'in'} ${who}'s queue`);
		if (queue.includes(`/beoordelen/${r2}"`) !== (who === 'g')) leaks.push(`r2 ${who === 'g' ? 'missing from' : 'in'} ${who}'s queue`);
	}

	const found = await runMatrix<Who>(testInfo, roles, cases);

	// A stranger's writes, each sent to the login page (a signed-in user's own writes are the feature specs').
	const strangerWrites: [string, Record<string, string>][] = [
		[`/oefenen/${DRILL}?/respond`, { body: 'x', bodyNote: '', place: 'practice' }],
		['/oefenen/meting/pre?/hand', {}],
		['/beoordelen/kalibratie?/score', { item: 'kalibratie-els', ...scores(RUBRIC, 3) }],
		['/toets?/start', {}]
	];
	for (const [url, form] of strangerWrites) {
		const status = await post('anon', url, form);
		if (status !== 303) found.push(`${url} as anon: ${status}, expected 303`);
	}

	// What each may open must not show someone else's: A's responses, A's certificate.
	for (const who of roles.filter((w) => w !== 'anon')) {
		const text = async (url: string) => (await pages[who].request.get(url)).text();
		const history = await text(`/oefenen/${DRILL}/geschiedenis`);
		if (who !== 'a' && (history.includes(forSupervisor) || history.includes(forGroup))) leaks.push(`A's responses in ${who}'s history`);
		if (who !== 'a' && (await text('/certificaat')).includes(number)) leaks.push(`A's certificate number on ${who}'s certificate page`);
	}
	// The rater sees the response, never who wrote it.
	for (const [who, id] of [['s1', r1] as const, ['g', r2] as const]) {
		const page = await (await pages[who].request.get(`/beoordelen/${id}`)).text();
		if (page.includes(`Trainee A ${stamp}`)) leaks.push(`A's name on ${who}'s rating page`);
	}
	// Verification: initials and surname, course and status; not the printed name, the account's name or e-mail address.
	const verification = await (await anon.request.get(`/verify/${number}`)).text();
	expect(verification).toContain(holder);
	for (const secret of ['Anna', 'Maria', `Trainee A ${stamp}`, aEmail.split('@')[0] ?? aEmail, printedName]) {
		if (verification.includes(secret)) leaks.push(`"${secret}" on the public verification page`);
	}

	expect(found).toEqual([]);
	expect(leaks).toEqual([]);
});

test('LTI launches with a forged or replayed id_token are refused, and nobody is signed in', async ({ baseURL }, testInfo) => {
	test.skip(testInfo.project.name !== 'js', 'HTTP-level; one browser project is enough');
	const tool = baseURL ?? '';
	// The platform double registered for this spec (playwright.config.ts), on a port of its own.
	const platform = await startPlatform({
		port: ltiPlatformPort(Number(new URL(tool).port), 'authz'),
		clientId: LTI_CLIENT_ID,
		deploymentId: LTI_DEPLOYMENT_ID,
		toolJwks: async () => (await fetch(`${tool}/lti/jwks`)).json() as Promise<{ keys: [] }>
	});
	try {
		/** The login initiation as the browser makes it: the state cookie Ontroerd sets, the state and nonce it sends on. */
		const login = async (sub: string) => {
			const response = await fetch(`${tool}/lti/login`, {
				method: 'POST',
				redirect: 'manual',
				body: new URLSearchParams({
					iss: platform.issuer,
					login_hint: sub,
					target_link_uri: `${tool}/dashboard`,
					client_id: LTI_CLIENT_ID,
					lti_message_hint: '/dashboard'
				})
			});
			expect(response.status).toBe(302);
			const auth = new URL(response.headers.get('location') ?? '');
			const cookie = response.headers
				.getSetCookie()
				.map((c) => c.split(';')[0])
				.join('; ');
			return { state: auth.searchParams.get('state') ?? '', nonce: auth.searchParams.get('nonce') ?? '', cookie };
		};
		const launch = async (session: { state: string; cookie: string }, idToken: string) => {
			const response = await fetch(`${tool}/lti/launch`, {
				method: 'POST',
				redirect: 'manual',
				headers: { cookie: session.cookie, origin: platform.issuer },
				body: new URLSearchParams({ id_token: idToken, state: session.state })
			});
			const signedIn = response.headers.getSetCookie().some((c) => /session=[^;]/.test(c));
			return { status: response.status, signedIn, body: response.status === 401 ? await response.text() : '' };
		};
		const claims = (sub: string, nonce: string) => platform.resourceLinkClaims({ sub, nonce, targetLinkUri: `${tool}/dashboard` });
		const now = Math.floor(Date.now() / 1000);
		const sub = `authz-${Date.now()}`;

		const forged: [string, (nonce: string) => Promise<string>, string][] = [
			['signed with another key', (nonce) => platform.idToken(claims(`${sub}-key`, nonce), { impostor: true }), 'signature'],
			['for another tool', (nonce) => platform.idToken(claims(`${sub}-aud`, nonce), { aud: 'another-tool' }), 'audience'],
			['with another nonce', (nonce) => platform.idToken(claims(`${sub}-nonce`, `${nonce}-other`)), 'nonce'],
			['expired', (nonce) => platform.idToken(claims(`${sub}-exp`, nonce), { iat: now - 900, exp: now - 600 }), 'expired']
		];
		const found: string[] = [];
		for (const [name, token, reason] of forged) {
			const session = await login(`${sub}-${reason}`);
			const result = await launch(session, await token(session.nonce));
			if (result.status !== 401 || result.signedIn || !result.body.includes(reason)) found.push(`${name}: ${result.status}, signed in: ${result.signedIn}`);
		}
		// A valid token signs in once; the same post again (a replay) is refused.
		const session = await login(sub);
		const idToken = await platform.idToken(claims(sub, session.nonce));
		const first = await launch(session, idToken);
		expect(first).toMatchObject({ status: 303, signedIn: true });
		const replayed = await launch(session, idToken);
		if (replayed.status !== 401 || replayed.signedIn || !replayed.body.includes('replayed-nonce'))
			found.push(`replayed: ${replayed.status}, signed in: ${replayed.signedIn}`);
		testInfo.annotations.push({ type: 'matrix', description: `${forged.length + 1} forged or replayed launches` });
		expect(found).toEqual([]);
	} finally {
		await platform.close();
	}
});
