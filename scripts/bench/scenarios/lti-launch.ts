/**
 * The LTI 1.3 launch (issue 18): POST /lti/launch with an id_token signed by a registered platform, a loopback
 * double (tests/integration/lti/platform.ts) with its own key. The login initiation is not what is measured: its
 * states and nonces are written straight into lti_login_states, and the browser's state cookie goes with each post.
 * A launch is used once (the nonce), and a token is accepted for ten minutes after it was signed, so the tokens are
 * signed in `prepare`, just before each run of the scenario, for more launches than the run can make: a launch
 * posted twice is refused as a replay (401), and the runs of issue 19 had counted those as errors once 120 a second
 * ran out. Signing one takes about 0.5 ms here, so a surplus costs little. 200 platform users, so most launches are
 * of a known account.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../../src/lib/server/db';
import { ltiLoginStates } from '../../../src/lib/server/db/schema';
import { publicJwks } from '../../../src/lib/server/keys';
import { addPlatform } from '../../../src/lib/server/lti/platforms';
import { STATE_COOKIE_PREFIX, randomToken, stateId } from '../../../src/lib/server/lti/login';
import { startPlatform } from '../../../tests/integration/lti/platform';
import type { Next, Plan } from '../load';
import type { Scenario } from './scenario';

export type LtiScenario = Scenario & { prepare: (seconds: number) => Promise<void>; close: () => Promise<void> };

/** Launches signed per second of a run: several times what the server answers here (at most 281 a second in the runs of issue 19, 2 cores). */
const LAUNCHES_PER_SECOND = 1_000;
/** For the launches sent one at a time to count statements, and for those in flight when a run ends. */
const LAUNCHES_BESIDE = 200;

export async function ltiLaunch(db: Db, base: string): Promise<LtiScenario> {
	const platform = await startPlatform({ toolJwks: () => publicJwks(db, 'lti'), clientId: 'bench-client', deploymentId: 'bench-deployment' });
	const added = await addPlatform(db, platform.registration());
	if (!added.ok) throw new Error(`the bench platform was not registered: ${added.error}`);
	const platformId = added.platform.id;
	let launches: Next[] = [];
	let cursor = 0;

	/** Launches for a run of `seconds`: a stored login state and nonce each, and the id_token the platform signs for it. */
	async function prepare(seconds: number) {
		const count = Math.ceil(LAUNCHES_PER_SECOND * seconds + LAUNCHES_BESIDE);
		const made: Next[] = [];
		const states: (typeof ltiLoginStates.$inferInsert)[] = [];
		for (let i = 0; i < count; i++) {
			const state = randomToken();
			const nonce = randomToken();
			states.push({ id: stateId(state), platformId, nonce, expiresAt: new Date(Date.now() + 60 * 60_000) });
			const claims = platform.resourceLinkClaims({ sub: `bench-lti-${i % 200}`, nonce, targetLinkUri: `${base}/dashboard` });
			made.push({
				method: 'POST',
				path: '/lti/launch',
				headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `${STATE_COOKIE_PREFIX}${state}=${state}` },
				body: new URLSearchParams({ id_token: await platform.idToken(claims), state }).toString()
			});
		}
		// The previous run's unused logins go, so that the table holds one run's.
		await db.delete(ltiLoginStates).where(eq(ltiLoginStates.platformId, platformId));
		for (let i = 0; i < states.length; i += 5_000) await db.insert(ltiLoginStates).values(states.slice(i, i + 5_000));
		launches = made;
		cursor = 0;
	}
	// Each answer asks for the next unused launch. Should a run use them all, the last is posted again and refused (an
	// error): said once, since the figure then counts replays, not launches.
	const take = () => {
		if (cursor === launches.length) console.warn(`LTI launch: all ${launches.length} signed launches used; raise LAUNCHES_PER_SECOND`);
		return launches[Math.min(cursor++, launches.length - 1)]!;
	};
	const plan = (): Plan => ({ first: take(), check: (status) => ({ ok: status === 303, next: take() }) });
	return { name: 'LTI launch', kind: 'page', plan, prepare, close: platform.close };
}
