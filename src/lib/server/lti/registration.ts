/**
 * LTI Dynamic Registration 1.0, tool side: an LMS administrator pastes the tool's registration URL (made by
 * `npm run admin -- lti-registration-url`, one-time, 7 days); the platform opens it with its OpenID configuration
 * URL and a registration token; the tool reads the configuration, registers itself and stores the platform.
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { ltiRegistrationTokens, type LtiPlatform } from '../db/schema';
import { logEvent } from '../log';
import { MESSAGE, SCOPE } from './claims';
import { randomToken } from './login';
import { acceptableUrl, addPlatform } from './platforms';

export const REGISTRATION_URL_LIFETIME = 7 * 24 * 60 * 60 * 1000;
const PLATFORM_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-platform-configuration';
const TOOL_CONFIGURATION = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

const tokenId = (token: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(token)));

/** A one-time registration URL for one LMS; only the token's hash is stored. */
export async function newRegistrationUrl(db: Db, toolOrigin: string, now = new Date()): Promise<{ url: string; expiresAt: Date }> {
	const token = randomToken();
	const expiresAt = new Date(now.getTime() + REGISTRATION_URL_LIFETIME);
	await db.insert(ltiRegistrationTokens).values({ id: tokenId(token), expiresAt });
	return { url: `${toolOrigin}/lti/register?t=${token}`, expiresAt };
}

/** What the tool tells the platform about itself (the spec's client registration request). */
export function toolConfiguration(toolOrigin: string) {
	return {
		application_type: 'web',
		response_types: ['id_token'],
		grant_types: ['implicit', 'client_credentials'],
		initiate_login_uri: `${toolOrigin}/lti/login`,
		redirect_uris: [`${toolOrigin}/lti/launch`],
		client_name: 'Ontroerd',
		jwks_uri: `${toolOrigin}/lti/jwks`,
		token_endpoint_auth_method: 'private_key_jwt',
		scope: [SCOPE.lineItem, SCOPE.resultReadOnly, SCOPE.score, SCOPE.memberships].join(' '),
		[TOOL_CONFIGURATION]: {
			domain: new URL(toolOrigin).host,
			target_link_uri: `${toolOrigin}/dashboard`,
			claims: ['iss', 'sub', 'name', 'given_name', 'family_name', 'locale'],
			messages: [{ type: MESSAGE.deepLinkingRequest, target_link_uri: `${toolOrigin}/lti/deep-link`, label: 'Ontroerd' }]
		}
	};
}

export type RegistrationError = 'invalid-link' | 'bad-configuration' | 'platform-refused' | 'exists';

type PlatformConfiguration = {
	issuer?: unknown;
	authorization_endpoint?: unknown;
	token_endpoint?: unknown;
	jwks_uri?: unknown;
	registration_endpoint?: unknown;
	[PLATFORM_CONFIGURATION]?: { product_family_code?: unknown };
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');

export async function register(
	db: Db,
	input: { token: string; openidConfiguration: string; registrationToken?: string; toolOrigin: string },
	now = new Date()
): Promise<{ ok: true; platform: LtiPlatform } | { ok: false; error: RegistrationError }> {
	if (!acceptableUrl(input.openidConfiguration)) return { ok: false, error: 'invalid-link' };
	// Taken at once, so two openings of one link cannot both register; given back if this attempt fails.
	const [link] = await db
		.update(ltiRegistrationTokens)
		.set({ usedAt: now })
		.where(and(eq(ltiRegistrationTokens.id, tokenId(input.token)), isNull(ltiRegistrationTokens.usedAt), gt(ltiRegistrationTokens.expiresAt, now)))
		.returning();
	if (!link) return { ok: false, error: 'invalid-link' };
	const result = await registerWith(db, input);
	if (!result.ok) await db.update(ltiRegistrationTokens).set({ usedAt: null }).where(eq(ltiRegistrationTokens.id, link.id));
	return result;
}

async function registerWith(
	db: Db,
	input: { openidConfiguration: string; registrationToken?: string; toolOrigin: string }
): Promise<{ ok: true; platform: LtiPlatform } | { ok: false; error: RegistrationError }> {
	let config: PlatformConfiguration;
	try {
		const response = await fetch(input.openidConfiguration, {
			headers: { accept: 'application/json', ...(input.registrationToken ? { authorization: `Bearer ${input.registrationToken}` } : {}) },
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) return { ok: false, error: 'bad-configuration' };
		config = (await response.json()) as PlatformConfiguration;
	} catch {
		return { ok: false, error: 'bad-configuration' };
	}
	const issuer = str(config.issuer);
	// The spec: the configuration's issuer must be the prefix of the URL it was fetched from, so a platform cannot speak for another.
	if (!issuer || !input.openidConfiguration.startsWith(issuer)) return { ok: false, error: 'bad-configuration' };
	const endpoints = [config.authorization_endpoint, config.token_endpoint, config.jwks_uri, config.registration_endpoint].map(str);
	if (!endpoints.every(acceptableUrl)) return { ok: false, error: 'bad-configuration' };
	const [authUrl, tokenUrl, jwksUrl, registrationEndpoint] = endpoints as [string, string, string, string];
	let registered: { client_id?: unknown; [TOOL_CONFIGURATION]?: { deployment_id?: unknown } };
	try {
		const response = await fetch(registrationEndpoint, {
			method: 'POST',
			headers: {
				'content-type': 'application/json',
				accept: 'application/json',
				...(input.registrationToken ? { authorization: `Bearer ${input.registrationToken}` } : {})
			},
			body: JSON.stringify(toolConfiguration(input.toolOrigin)),
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) return { ok: false, error: 'platform-refused' };
		registered = (await response.json()) as typeof registered;
	} catch {
		return { ok: false, error: 'platform-refused' };
	}
	const clientId = str(registered.client_id);
	if (!clientId) return { ok: false, error: 'platform-refused' };
	const deploymentId = str(registered[TOOL_CONFIGURATION]?.deployment_id);
	const name = str(config[PLATFORM_CONFIGURATION]?.product_family_code) || new URL(issuer).host;
	const added = await addPlatform(db, { name, issuer, clientId, authUrl, tokenUrl, jwksUrl, deploymentIds: deploymentId ? [deploymentId] : [] });
	if (!added.ok) return { ok: false, error: added.error === 'exists' ? 'exists' : 'bad-configuration' };
	logEvent('lti.platform.registered', { platformId: added.platform.id, by: 'dynamic-registration' });
	return { ok: true, platform: added.platform };
}
