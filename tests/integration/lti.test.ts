import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { drivers, freshDatabase } from './databases';
import { fixtureCourse, item } from '../fixtures/course';
import { fixtureTest } from '../fixtures/test-pool';
import { ROLE, startPlatform, type Platform } from './lti/platform';
import type { Database } from '../../src/lib/server/db';
import { cohortMembers, cohorts, ltiAccounts, ltiLoginStates, ltiPlatforms, sessions, users } from '../../src/lib/server/db/schema';
import { createSession, generateSessionToken, passwordSession } from '../../src/lib/server/auth/session';
import { publicJwks } from '../../src/lib/server/keys';
import { createUser } from '../../src/lib/server/auth/accounts';
import { verifyPassword } from '../../src/lib/server/auth/password';
import { touchItem } from '../../src/lib/server/learning/progress';
import { supervises } from '../../src/lib/server/policy';
import { addPlatform, findPlatform } from '../../src/lib/server/lti/platforms';
import { startLogin, stateId } from '../../src/lib/server/lti/login';
import { validateLaunch, type ValidLaunch } from '../../src/lib/server/lti/launch';
import { provisionLaunch } from '../../src/lib/server/lti/provision';
import { deepLinkSettings, deepLinkingResponse, signTicket } from '../../src/lib/server/lti/deep-linking';
import { postTestScore, reportModuleCompletion } from '../../src/lib/server/lti/grades';
import { syncRoster } from '../../src/lib/server/lti/roster';
import { newRegistrationUrl, register } from '../../src/lib/server/lti/registration';

const TOOL = 'https://ontroerd.test';

describe.each(drivers)('LTI 1.3 on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let platform: Platform;

	beforeAll(async () => {
		database = await freshDatabase(driver);
		platform = await startPlatform({ toolJwks: () => publicJwks(database.db, 'lti') });
		const added = await addPlatform(database.db, platform.registration());
		if (!added.ok) throw new Error('platform not added');
	});
	afterAll(async () => {
		await platform?.close();
		await database?.drop();
	});

	/** Login initiation as the platform does it; returns what the browser and the platform then hold. */
	async function login(target = `${TOOL}/modules/proef`) {
		const start = await startLogin(database.db, { iss: platform.issuer, login_hint: 'hint-1', target_link_uri: target }, TOOL);
		if (!start.ok) throw new Error(start.error);
		const auth = new URL(start.redirectUrl);
		return { state: start.state, nonce: auth.searchParams.get('nonce') ?? '', auth };
	}

	/** A full launch: login, an id_token from the platform for these claims, the post back with the browser's cookie. */
	async function launch(claims: (nonce: string) => Record<string, unknown>, token: Parameters<Platform['idToken']>[1] = {}) {
		const { state, nonce } = await login();
		const idToken = await platform.idToken(claims(nonce), token);
		return { state, idToken, result: await validateLaunch(database.db, { idToken, state, cookieState: state }) };
	}

	const learnerClaims =
		(sub: string, extra: Partial<Parameters<Platform['resourceLinkClaims']>[0]> = {}) =>
		(nonce: string) =>
			platform.resourceLinkClaims({ sub, nonce, targetLinkUri: `${TOOL}/modules/proef`, ...extra });

	function valid(result: Awaited<ReturnType<typeof validateLaunch>>): ValidLaunch {
		if (!result.ok) throw new Error(`launch refused: ${result.error}`);
		return result;
	}

	it('login initiation: an authentication request to the platform, the state stored only as a hash', async () => {
		const { state, nonce, auth } = await login();
		expect(auth.origin + auth.pathname).toBe(`${platform.issuer}/auth`);
		expect(Object.fromEntries(auth.searchParams)).toMatchObject({
			scope: 'openid',
			response_type: 'id_token',
			response_mode: 'form_post',
			prompt: 'none',
			client_id: platform.clientId,
			redirect_uri: `${TOOL}/lti/launch`,
			login_hint: 'hint-1',
			state
		});
		expect(nonce.length).toBeGreaterThanOrEqual(40);
		const rows = await database.db
			.select()
			.from(ltiLoginStates)
			.where(eq(ltiLoginStates.id, stateId(state)));
		expect(rows).toHaveLength(1);
		expect(JSON.stringify(await database.db.select().from(ltiLoginStates))).not.toContain(state);

		expect(await startLogin(database.db, { iss: 'https://unknown.example', login_hint: 'x', target_link_uri: `${TOOL}/` }, TOOL)).toEqual({
			ok: false,
			error: 'unknown-platform'
		});
		expect(await startLogin(database.db, { iss: platform.issuer, login_hint: 'x', target_link_uri: 'https://elsewhere.example/' }, TOOL)).toEqual({
			ok: false,
			error: 'foreign-target'
		});
	});

	it('a valid launch makes an account by (issuer, sub) on the first launch and finds it on the next', async () => {
		const first = valid((await launch(learnerClaims('learner-a'))).result);
		const a = await provisionLaunch(database.db, fixtureCourse, first, TOOL);
		expect(a.role).toBe('learner');
		expect(a.user).toMatchObject({ role: 'trainee', displayName: 'Ms Jane Marie Doe', locale: 'nl' });
		// The LMS's e-mail address is not stored, and no password opens the account.
		expect(a.user.email).not.toContain('platform.example.edu');
		expect(await verifyPassword(a.user.passwordHash, '')).toBe(false);
		expect(a.landing).toBe('/modules/proef');

		const again = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('learner-a'))).result), TOOL);
		expect(again.user.id).toBe(a.user.id);
	});

	it('signs in with the account in the same statement: the session is the launch’s account’s, the browser’s previous session ends', async () => {
		const before = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('learner-s1'))).result), TOOL);
		const old = await createSession(database.db, generateSessionToken(), before.user.id);
		for (const sub of ['learner-s1', 'learner-s2']) {
			const session = passwordSession(generateSessionToken());
			const signedIn = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims(sub))).result), TOOL, { session, replaces: old.id });
			const [row] = await database.db.select().from(sessions).where(eq(sessions.id, session.id));
			expect(row).toEqual({ ...session, userId: signedIn.user.id });
		}
		expect(await database.db.select().from(sessions).where(eq(sessions.id, old.id))).toEqual([]);
	});

	it('never merges by e-mail address: same address, other sub → another account; an existing account with that address stays apart', async () => {
		await createUser(database.db, { email: 'jane@platform.example.edu', displayName: 'Jane', password: 'een lange zin hier' });
		const b = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('learner-b'))).result), TOOL);
		const c = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('learner-c'))).result), TOOL);
		expect(b.user.id).not.toBe(c.user.id);
		const [local] = await database.db.select().from(users).where(eq(users.email, 'jane@platform.example.edu'));
		expect([b.user.id, c.user.id]).not.toContain(local?.id);
		const links = await database.db.select().from(ltiAccounts).where(eq(ltiAccounts.userId, b.user.id));
		expect(links).toEqual([expect.objectContaining({ subject: 'learner-b' })]);
	});

	it('refuses a replayed launch (the nonce is used once)', async () => {
		const { state, idToken, result } = await launch(learnerClaims('learner-r'));
		valid(result);
		expect(await validateLaunch(database.db, { idToken, state, cookieState: state })).toEqual({ ok: false, error: 'replayed-nonce' });
	});

	it('refuses a wrong audience, a wrong azp, a wrong issuer, an expired token, one issued in the future or too long ago', async () => {
		const now = Math.floor(Date.now() / 1000);
		const refused = async (token: Parameters<Platform['idToken']>[1]) => (await launch(learnerClaims('learner-x'), token)).result;
		expect(await refused({ aud: 'another-tool' })).toEqual({ ok: false, error: 'audience' });
		expect(await refused({ aud: [platform.clientId, 'another-tool'] })).toEqual({ ok: false, error: 'azp' });
		expect(await refused({ aud: [platform.clientId, 'another-tool'], azp: 'another-tool' })).toEqual({ ok: false, error: 'azp' });
		expect((await refused({ aud: [platform.clientId, 'another-tool'], azp: platform.clientId })).ok).toBe(true);
		expect(await refused({ iss: 'https://impostor.example' })).toEqual({ ok: false, error: 'issuer' });
		expect(await refused({ iat: now - 900, exp: now - 600 })).toEqual({ ok: false, error: 'expired' });
		expect(await refused({ iat: now + 600, exp: now + 900 })).toEqual({ ok: false, error: 'issued-at' });
		expect(await refused({ iat: now - 3600, exp: now + 600 })).toEqual({ ok: false, error: 'issued-at' });
	});

	it('refuses a bad signature: a token signed with another key under the platform key id', async () => {
		expect((await launch(learnerClaims('learner-x'), { impostor: true })).result).toEqual({ ok: false, error: 'signature' });
	});

	it('refuses an unknown deployment, another nonce, another LTI version, and a token without sub', async () => {
		const withClaims = (change: Record<string, unknown>) => (nonce: string) => ({ ...learnerClaims('learner-x')(nonce), ...change });
		expect((await launch(withClaims({ 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'deployment-9' }))).result).toEqual({
			ok: false,
			error: 'deployment'
		});
		expect((await launch((nonce) => learnerClaims('learner-x')(`${nonce}-other`))).result).toEqual({ ok: false, error: 'nonce' });
		expect((await launch(withClaims({ 'https://purl.imsglobal.org/spec/lti/claim/version': '1.1' }))).result).toEqual({ ok: false, error: 'version' });
		expect((await launch(withClaims({ sub: undefined }))).result).toMatchObject({ ok: false });
	});

	it('refuses a launch without the state cookie, with another login’s cookie, or with an unknown state', async () => {
		const { state, nonce } = await login();
		const other = await login();
		const idToken = await platform.idToken(learnerClaims('learner-s')(nonce));
		expect(await validateLaunch(database.db, { idToken, state, cookieState: undefined })).toEqual({ ok: false, error: 'state-mismatch' });
		expect(await validateLaunch(database.db, { idToken, state, cookieState: other.state })).toEqual({ ok: false, error: 'state-mismatch' });
		expect(await validateLaunch(database.db, { idToken, state: 'made-up', cookieState: 'made-up' })).toEqual({ ok: false, error: 'unknown-state' });
		// The same post with the browser's own cookie still goes through: the refusals used nothing up.
		expect((await validateLaunch(database.db, { idToken, state, cookieState: state })).ok).toBe(true);
	});

	it('maps roles: an instructor leads the course’s cohort, learners before and after are in it', async () => {
		const early = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('early', { contextId: 'course-2' }))).result), TOOL);
		const teacher = await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('teacher-1', { contextId: 'course-2', roles: [ROLE.instructor] }))).result),
			TOOL
		);
		expect(teacher.role).toBe('instructor');
		expect(teacher.user.role).toBe('supervisor');
		const late = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('late', { contextId: 'course-2' }))).result), TOOL);
		expect(await supervises(database.db, teacher.user.id, early.user.id)).toBe(true);
		expect(await supervises(database.db, teacher.user.id, late.user.id)).toBe(true);
		const [cohort] = await database.db.select().from(cohorts).where(eq(cohorts.supervisorId, teacher.user.id));
		expect(cohort?.name).toBe('GZ-opleiding');
		// A second launch finds the same cohort; a learner of another course is not in it.
		await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('teacher-1', { contextId: 'course-2', roles: [ROLE.instructor] }))).result),
			TOOL
		);
		expect(await database.db.select().from(cohorts).where(eq(cohorts.supervisorId, teacher.user.id))).toHaveLength(1);
		const stranger = await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('stranger', { contextId: 'course-3' }))).result),
			TOOL
		);
		expect(await supervises(database.db, teacher.user.id, stranger.user.id)).toBe(false);
		// A learner's launch never takes the supervisor role away.
		const asLearner = await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('teacher-1', { contextId: 'course-3' }))).result),
			TOOL
		);
		expect(asLearner.user.role).toBe('supervisor');
	});

	it('lands on the linked module or item (custom target first, then target_link_uri); anything else lands on the dashboard', async () => {
		const land = async (extra: Partial<Parameters<Platform['resourceLinkClaims']>[0]>) =>
			(await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('lander', extra))).result), TOOL)).landing;
		expect(await land({ custom: { target: '/modules/proef/casus' } })).toBe('/modules/proef/casus');
		expect(await land({ targetLinkUri: `${TOOL}/modules/tweede/les-twee` })).toBe('/modules/tweede/les-twee');
		expect(await land({ targetLinkUri: `${TOOL}/modules/bestaat-niet` })).toBe('/dashboard');
		expect(await land({ custom: { target: 'https://evil.example/modules/proef' }, targetLinkUri: `${TOOL}/my-data` })).toBe('/dashboard');
	});

	it('deep linking: the instructor’s picks go back as a signed LtiDeepLinkingResponse the platform can verify', async () => {
		const request = valid((await launch((nonce) => platform.deepLinkingClaims({ sub: 'teacher-1', nonce }))).result);
		const settings = deepLinkSettings(request);
		expect(settings).toMatchObject({ returnUrl: `${platform.issuer}/deep-link-return`, acceptMultiple: true });
		const teacher = await provisionLaunch(database.db, fixtureCourse, request, TOOL);
		const ticket = await signTicket(database.db, teacher.user.id, settings!);
		const paths = ['/modules/proef', '/modules/proef/casus'];
		// Another account cannot use the ticket.
		expect(await deepLinkingResponse(database.db, fixtureCourse, { ticket, userId: 'someone-else', paths, locale: 'nl', toolOrigin: TOOL })).toEqual({
			ok: false,
			error: 'ticket'
		});
		expect(await deepLinkingResponse(database.db, fixtureCourse, { ticket, userId: teacher.user.id, paths: [], locale: 'nl', toolOrigin: TOOL })).toEqual({
			ok: false,
			error: 'none-chosen'
		});
		const answer = await deepLinkingResponse(database.db, fixtureCourse, { ticket, userId: teacher.user.id, paths, locale: 'nl', toolOrigin: TOOL });
		if (!answer.ok) throw new Error(answer.error);
		expect(answer.returnUrl).toBe(`${platform.issuer}/deep-link-return`);
		const { payload } = await jwtVerify(answer.jwt, createLocalJWKSet(await publicJwks(database.db, 'lti')), {
			issuer: platform.clientId,
			audience: platform.issuer
		});
		expect(payload['https://purl.imsglobal.org/spec/lti/claim/message_type']).toBe('LtiDeepLinkingResponse');
		expect(payload['https://purl.imsglobal.org/spec/lti/claim/version']).toBe('1.3.0');
		expect(payload['https://purl.imsglobal.org/spec/lti/claim/deployment_id']).toBe(platform.deploymentId);
		expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/data']).toBe('csrftoken:c7fbba78-7b75-46e3-9201-11e6d5f36f53');
		expect(payload.nonce).toBeTypeOf('string');
		expect(payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items']).toEqual([
			{
				type: 'ltiResourceLink',
				title: 'Proef',
				url: `${TOOL}/modules/proef`,
				custom: { target: '/modules/proef' },
				lineItem: { scoreMaximum: 100, label: 'Proef', resourceId: '/modules/proef' }
			},
			{ type: 'ltiResourceLink', title: 'Casus', url: `${TOOL}/modules/proef/casus`, custom: { target: '/modules/proef/casus' } }
		]);
	});

	it('AGS: completing the linked module posts a score with activity and grading progress, once, with a client-credentials token', async () => {
		const learner = await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('grader', { targetLinkUri: `${TOOL}/modules/tweede`, resourceLinkId: 'rl-tweede' }))).result),
			TOOL
		);
		expect(await reportModuleCompletion(database.db, fixtureCourse, learner.user.id, 'tweede')).toBe(0); // not complete yet
		expect(platform.state.scores).toHaveLength(0);
		await touchItem(database.db, learner.user.id, item('les-twee', 'lesson'), 'completed');
		expect(await reportModuleCompletion(database.db, fixtureCourse, learner.user.id, 'tweede')).toBe(1);
		const [score] = platform.state.scores;
		expect(score?.contentType).toBe('application/vnd.ims.lis.v1.score+json');
		expect(score?.body).toMatchObject({ userId: 'grader', scoreGiven: 1, scoreMaximum: 1, activityProgress: 'Completed', gradingProgress: 'FullyGraded' });
		expect(Date.parse(String(score?.body.timestamp))).not.toBeNaN();
		// The line item was made for the resource link, and the token asked for by a signed assertion.
		expect(platform.state.lineItems).toEqual([expect.objectContaining({ resourceLinkId: 'rl-tweede', resourceId: '/modules/tweede' })]);
		expect(platform.state.tokenRequests.some((r) => r.scope.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'))).toBe(true);
		expect(await reportModuleCompletion(database.db, fixtureCourse, learner.user.id, 'tweede')).toBe(0); // sent once
	});

	it('looks for no grade link while no platform is registered, and at once when one is', async () => {
		const empty = await freshDatabase(driver);
		try {
			let selects = 0;
			// The same database, with its selects counted.
			const counted = new Proxy(empty.db, {
				get: (target, key, receiver) =>
					key === 'select' ? (...args: Parameters<typeof target.select>) => (selects++, target.select(...args)) : Reflect.get(target, key, receiver)
			});
			const learnerId = crypto.randomUUID();
			expect(await reportModuleCompletion(counted, fixtureCourse, learnerId, 'tweede')).toBe(0);
			expect(selects).toBe(1); // whether any platform is registered
			expect(await reportModuleCompletion(counted, fixtureCourse, learnerId, 'tweede')).toBe(0);
			expect(await postTestScore(counted, learnerId, 1, 1)).toBe(0);
			expect(selects).toBe(1); // remembered: no grade-link query per write
			const added = await addPlatform(counted, { ...platform.registration(), clientId: 'counted' });
			expect(added.ok).toBe(true);
			expect(await reportModuleCompletion(counted, fixtureCourse, learnerId, 'tweede')).toBe(0);
			expect(selects).toBe(2); // now the learner's grade links are looked up
		} finally {
			await empty.drop();
		}
	});

	it('AGS: the final test’s score goes to a link on the test; a platform outage costs the learner nothing', async () => {
		const learner = await provisionLaunch(
			database.db,
			{ ...fixtureCourse, test: fixtureTest },
			valid((await launch(learnerClaims('tester', { targetLinkUri: `${TOOL}/toets`, resourceLinkId: 'rl-toets' }))).result),
			TOOL
		);
		expect(learner.landing).toBe('/toets');
		platform.state.failServices = 1;
		expect(await postTestScore(database.db, learner.user.id, 17, 20)).toBe(0);
		expect(await postTestScore(database.db, learner.user.id, 18, 20)).toBe(1);
		expect(platform.state.scores.at(-1)?.body).toMatchObject({ userId: 'tester', scoreGiven: 18, scoreMaximum: 20, gradingProgress: 'FullyGraded' });
	});

	it('NRPS: the instructor syncs the roster into their cohort (all pages, learners only, matched by sub)', async () => {
		const teacher = await provisionLaunch(
			database.db,
			fixtureCourse,
			valid((await launch(learnerClaims('teacher-9', { contextId: 'course-1', roles: [ROLE.instructor] }))).result),
			TOOL
		);
		const [existing] = await database.db.select().from(ltiAccounts).where(eq(ltiAccounts.subject, 'learner-a'));
		platform.state.members = [
			{ user_id: 'learner-a', roles: [ROLE.learner], status: 'Active', name: 'A' },
			{ user_id: 'roster-1', roles: ['Learner'], status: 'Active', name: 'Roos Ter' },
			{ user_id: 'roster-2', roles: [ROLE.learner], status: 'Inactive' },
			{ user_id: 'teacher-9', roles: [ROLE.instructor], status: 'Active' }
		];
		const result = await syncRoster(database.db, teacher.user.id, teacher.cohortId!);
		expect(result).toEqual({ ok: true, learners: 2, added: 1 });
		const members = await database.db.select().from(cohortMembers).where(eq(cohortMembers.cohortId, teacher.cohortId!));
		const [roster1] = await database.db.select().from(ltiAccounts).where(eq(ltiAccounts.subject, 'roster-1'));
		expect(members.map((m) => m.learnerId)).toEqual(expect.arrayContaining([existing!.userId, roster1!.userId]));
		expect(members.map((m) => m.learnerId)).not.toContain(teacher.user.id);
		// Another supervisor cannot sync this cohort.
		expect(await syncRoster(database.db, existing!.userId, teacher.cohortId!)).toEqual({ ok: false, error: 'not-lti' });
		// roster-1's first launch finds the account the sync made.
		const launched = await provisionLaunch(database.db, fixtureCourse, valid((await launch(learnerClaims('roster-1'))).result), TOOL);
		expect(launched.user.id).toBe(roster1!.userId);
	});

	it('Dynamic Registration: a one-time URL, the platform’s configuration read, the tool registered, the platform stored', async () => {
		const { url } = await newRegistrationUrl(database.db, TOOL);
		const token = new URL(url).searchParams.get('t') ?? '';
		const input = {
			token,
			openidConfiguration: `${platform.issuer}/.well-known/openid-configuration`,
			registrationToken: platform.state.registrationToken,
			toolOrigin: TOOL
		};
		expect(await register(database.db, { ...input, registrationToken: 'wrong' })).toEqual({ ok: false, error: 'platform-refused' });
		const done = await register(database.db, input);
		if (!done.ok) throw new Error(done.error);
		expect(done.platform).toMatchObject({ issuer: platform.issuer, clientId: 'registered-1', tokenUrl: `${platform.issuer}/token`, name: 'testlms' });
		expect(platform.state.registrations.at(-1)).toMatchObject({
			initiate_login_uri: `${TOOL}/lti/login`,
			redirect_uris: [`${TOOL}/lti/launch`],
			jwks_uri: `${TOOL}/lti/jwks`,
			token_endpoint_auth_method: 'private_key_jwt'
		});
		expect(await findPlatform(database.db, platform.issuer, 'registered-1')).toBeDefined();
		expect(await register(database.db, input)).toEqual({ ok: false, error: 'invalid-link' });
		expect(await register(database.db, { ...input, token: 'guess' })).toEqual({ ok: false, error: 'invalid-link' });
		await database.db.delete(ltiPlatforms).where(and(eq(ltiPlatforms.issuer, platform.issuer), eq(ltiPlatforms.clientId, 'registered-1')));
	});
});
