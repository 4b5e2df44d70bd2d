/**
 * Calls to the platform's services (AGS, NRPS) with an OAuth 2 access token from its token endpoint, got by the
 * client-credentials grant with a JWT client assertion signed by the tool's LTI key (1EdTech Security Framework §4.1).
 */
import { SignJWT } from 'jose';
import type { Db } from '../db';
import type { LtiPlatform } from '../db/schema';
import { signingKey } from '../keys';
import { randomToken } from './login';

const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
/** Tokens are reused until a minute before they expire, per platform and set of scopes, in this process. */
const tokens = new Map<string, { token: string; until: number }>();

export class PlatformServiceError extends Error {
	constructor(
		message: string,
		readonly status: number
	) {
		super(message);
	}
}

export async function clientAssertion(db: Db, platform: LtiPlatform): Promise<string> {
	const key = await signingKey(db, 'lti');
	return new SignJWT({})
		.setProtectedHeader({ alg: key.alg ?? 'RS256', kid: key.kid, typ: 'JWT' })
		.setIssuer(platform.clientId)
		.setSubject(platform.clientId)
		.setAudience(platform.tokenUrl)
		.setIssuedAt()
		.setExpirationTime('5m')
		.setJti(randomToken())
		.sign(key.privateKey);
}

export async function accessToken(db: Db, platform: LtiPlatform, scopes: string[]): Promise<string> {
	const cacheKey = `${platform.id} ${[...scopes].sort().join(' ')}`;
	const cached = tokens.get(cacheKey);
	if (cached && cached.until > Date.now()) return cached.token;
	const response = await fetch(platform.tokenUrl, {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
		body: new URLSearchParams({
			grant_type: 'client_credentials',
			client_assertion_type: ASSERTION_TYPE,
			client_assertion: await clientAssertion(db, platform),
			scope: scopes.join(' ')
		}),
		signal: AbortSignal.timeout(10_000)
	});
	if (!response.ok) throw new PlatformServiceError(`token endpoint answered ${response.status}`, response.status);
	const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
	if (typeof body.access_token !== 'string') throw new PlatformServiceError('token endpoint sent no access_token', 502);
	const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
	tokens.set(cacheKey, { token: body.access_token, until: Date.now() + Math.max(0, seconds - 60) * 1000 });
	return body.access_token;
}

/** A service call with a token for the given scopes; a 401 drops the cached token and tries once more. */
export async function serviceFetch(
	db: Db,
	platform: LtiPlatform,
	scopes: string[],
	url: string,
	init: RequestInit & { headers: Record<string, string> }
): Promise<Response> {
	for (let attempt = 0; ; attempt++) {
		const token = await accessToken(db, platform, scopes);
		const response = await fetch(url, { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(10_000) });
		if (response.status !== 401 || attempt > 0) return response;
		tokens.delete(`${platform.id} ${[...scopes].sort().join(' ')}`);
	}
}
