/**
 * The launch (LTI 1.3 Core §5.1.2 and the Security Framework §5.1.3): the platform posts an id_token and the
 * state back. Everything is checked before anything is trusted: the state against the browser's cookie and the
 * stored login, the signature against the platform's published keys, iss, aud, azp, exp, iat, the nonce (used
 * once), the LTI version and message type, and the deployment.
 */
import { and, eq, gt, lt, sql } from 'drizzle-orm';
import { createRemoteJWKSet, decodeJwt, errors, jwtVerify, type JWTPayload } from 'jose';
import type { Db } from '../db';
import { ltiDeployments, ltiLoginStates, ltiNonces, ltiPlatforms, type LtiPlatform } from '../db/schema';
import { CLAIM, MESSAGE } from './claims';
import { stateId } from './login';

/** Platform and tool clocks may disagree a little; an id_token older than this (by iat) is refused. */
export const CLOCK_TOLERANCE_SECONDS = 60;
export const MAX_TOKEN_AGE_SECONDS = 10 * 60;

export type LaunchError =
	| 'missing-state'
	| 'state-mismatch'
	| 'unknown-state'
	| 'malformed'
	| 'issuer'
	| 'audience'
	| 'azp'
	| 'signature'
	| 'expired'
	| 'issued-at'
	| 'nonce'
	| 'replayed-nonce'
	| 'version'
	| 'message-type'
	| 'deployment'
	| 'subject';

export type LaunchClaims = JWTPayload & {
	sub: string;
	nonce: string;
	name?: string;
	given_name?: string;
	family_name?: string;
	locale?: string;
	[key: string]: unknown;
};

export type ValidLaunch = { ok: true; platform: LtiPlatform; claims: LaunchClaims; messageType: string; deploymentId: string };

/** One remote key set per URL for the process: jose caches the keys and refetches on an unknown kid (rotation). */
const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
function platformKeys(jwksUrl: string) {
	let set = keySets.get(jwksUrl);
	if (!set) {
		set = createRemoteJWKSet(new URL(jwksUrl), { cooldownDuration: 30_000, cacheMaxAge: 10 * 60_000 });
		keySets.set(jwksUrl, set);
	}
	return set;
}

function verificationError(error: unknown): LaunchError {
	// jose reports a token older than maxTokenAge as expired, naming iat: that is the age check.
	if (error instanceof errors.JWTExpired) return error.claim === 'iat' ? 'issued-at' : 'expired';
	if (error instanceof errors.JWTClaimValidationFailed) {
		if (error.claim === 'iss') return 'issuer';
		if (error.claim === 'aud') return 'audience';
		if (error.claim === 'iat') return 'issued-at';
		return 'malformed';
	}
	if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JOSEAlgNotAllowed)
		return 'signature';
	return 'signature';
}

export type LaunchInput = { idToken: string | null; state: string | null; cookieState: string | undefined };

export async function validateLaunch(db: Db, input: LaunchInput, now = new Date()): Promise<ValidLaunch | { ok: false; error: LaunchError }> {
	const fail = (error: LaunchError) => ({ ok: false as const, error });
	const { idToken, state, cookieState } = input;
	if (!state || !idToken) return fail('missing-state');
	// The cookie was set in this browser at login initiation: a launch carried to another browser has none.
	if (cookieState !== state) return fail('state-mismatch');
	// The login, its platform and the platform's deployments in one statement.
	const [found] = await db
		.select({
			login: ltiLoginStates,
			platform: ltiPlatforms,
			deployments: sql<
				string[]
			>`coalesce((select array_agg(${ltiDeployments.deploymentId}) from ${ltiDeployments} where ${ltiDeployments.platformId} = ${ltiPlatforms.id}), '{}')`
		})
		.from(ltiLoginStates)
		.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiLoginStates.platformId))
		.where(and(eq(ltiLoginStates.id, stateId(state)), gt(ltiLoginStates.expiresAt, now)));
	if (!found) return fail('unknown-state');
	const { login, platform, deployments } = found;

	let unverified: JWTPayload;
	try {
		unverified = decodeJwt(idToken);
	} catch {
		return fail('malformed');
	}
	if (unverified.iss !== platform.issuer) return fail('issuer');
	const audiences = Array.isArray(unverified.aud) ? unverified.aud : [unverified.aud];
	if (!audiences.includes(platform.clientId)) return fail('audience');
	// azp: required when there are several audiences, and then (or whenever present) it must be this tool.
	const azp = unverified.azp;
	if ((audiences.length > 1 || azp !== undefined) && azp !== platform.clientId) return fail('azp');

	let claims: LaunchClaims;
	try {
		const verified = await jwtVerify(idToken, platformKeys(platform.jwksUrl), {
			issuer: platform.issuer,
			audience: platform.clientId,
			algorithms: ['RS256'],
			clockTolerance: CLOCK_TOLERANCE_SECONDS,
			maxTokenAge: MAX_TOKEN_AGE_SECONDS,
			requiredClaims: ['exp', 'iat', 'nonce', 'sub'],
			currentDate: now
		});
		claims = verified.payload as LaunchClaims;
	} catch (error) {
		if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'sub') return fail('subject');
		if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'nonce') return fail('nonce');
		return fail(verificationError(error));
	}
	if (typeof claims.sub !== 'string' || claims.sub.length === 0 || claims.sub.length > 255) return fail('subject');
	if (claims.nonce !== login.nonce) return fail('nonce');
	// Used once: the nonce is recorded until the token expires and the login's row goes in the same transaction;
	// a second post of the same id_token and state finds the nonce taken.
	const expiresAt = new Date(Math.max((claims.exp ?? 0) * 1000, now.getTime()) + CLOCK_TOLERANCE_SECONDS * 1000);
	// One statement, so atomic without a transaction: the expired nonces and logins go as the nonce is recorded.
	const expiredNonces = db.$with('expired_nonces').as(db.delete(ltiNonces).where(lt(ltiNonces.expiresAt, now)).returning({ nonce: ltiNonces.nonce }));
	const expiredLogins = db.$with('expired_logins').as(db.delete(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, now)).returning({ id: ltiLoginStates.id }));
	const recorded = await db
		.with(expiredNonces, expiredLogins)
		.insert(ltiNonces)
		.values({ platformId: platform.id, nonce: claims.nonce, expiresAt })
		.onConflictDoNothing()
		.returning({ nonce: ltiNonces.nonce });
	if (recorded.length === 0) return fail('replayed-nonce');

	if (claims[CLAIM.version] !== '1.3.0') return fail('version');
	const messageType = claims[CLAIM.messageType];
	if (messageType !== MESSAGE.resourceLink && messageType !== MESSAGE.deepLinkingRequest) return fail('message-type');
	const deploymentId = claims[CLAIM.deploymentId];
	if (typeof deploymentId !== 'string' || !deployments.includes(deploymentId)) return fail('deployment');
	return { ok: true, platform, claims, messageType, deploymentId };
}
