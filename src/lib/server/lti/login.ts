/**
 * OIDC third-party login initiation (LTI 1.3 Core §5.1.1): the platform names itself and the user's hint, the
 * tool answers with an authentication request to the platform. The state goes to the browser in a cookie and,
 * hashed, into the database with the nonce; the launch must bring both back (launch.ts).
 */
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase64urlNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { lt } from 'drizzle-orm';
import type { Db } from '../db';
import { ltiLoginStates, type LtiPlatform } from '../db/schema';
import { findPlatform } from './platforms';

/** A login must come back as a launch within this time. */
export const LOGIN_STATE_LIFETIME = 10 * 60 * 1000;
/** Each login has its own cookie, so two launches in two tabs do not overwrite each other's state. */
export const STATE_COOKIE_PREFIX = 'lti-state-';

export type LoginParams = {
	iss: string;
	login_hint: string;
	target_link_uri: string;
	lti_message_hint?: string;
	client_id?: string;
	lti_deployment_id?: string;
};

export function randomToken(): string {
	const bytes = new Uint8Array(32);
	crypto.getRandomValues(bytes);
	return encodeBase64urlNoPadding(bytes);
}

export const stateId = (state: string) => encodeHexLowerCase(sha256(new TextEncoder().encode(state)));

export function readLoginParams(params: URLSearchParams | FormData): LoginParams | null {
	const get = (name: string) => {
		const value = params.get(name);
		return typeof value === 'string' && value.length > 0 && value.length <= 4096 ? value : undefined;
	};
	const [iss, login_hint, target_link_uri] = [get('iss'), get('login_hint'), get('target_link_uri')];
	if (!iss || !login_hint || !target_link_uri) return null;
	return {
		iss,
		login_hint,
		target_link_uri,
		lti_message_hint: get('lti_message_hint'),
		client_id: get('client_id'),
		lti_deployment_id: get('lti_deployment_id')
	};
}

export type LoginStart = { ok: true; platform: LtiPlatform; state: string; redirectUrl: string } | { ok: false; error: 'unknown-platform' | 'foreign-target' };

export async function startLogin(db: Db, params: LoginParams, toolOrigin: string, now = new Date()): Promise<LoginStart> {
	const platform = await findPlatform(db, params.iss, params.client_id);
	if (!platform) return { ok: false, error: 'unknown-platform' };
	let target: URL;
	try {
		target = new URL(params.target_link_uri);
	} catch {
		return { ok: false, error: 'foreign-target' };
	}
	if (target.origin !== toolOrigin) return { ok: false, error: 'foreign-target' };
	const state = randomToken();
	const nonce = randomToken();
	await db.delete(ltiLoginStates).where(lt(ltiLoginStates.expiresAt, now));
	await db.insert(ltiLoginStates).values({ id: stateId(state), platformId: platform.id, nonce, expiresAt: new Date(now.getTime() + LOGIN_STATE_LIFETIME) });
	const auth = new URL(platform.authUrl);
	const query: Record<string, string | undefined> = {
		scope: 'openid',
		response_type: 'id_token',
		response_mode: 'form_post',
		prompt: 'none',
		client_id: platform.clientId,
		redirect_uri: `${toolOrigin}/lti/launch`,
		login_hint: params.login_hint,
		lti_message_hint: params.lti_message_hint,
		state,
		nonce
	};
	for (const [name, value] of Object.entries(query)) if (value !== undefined) auth.searchParams.set(name, value);
	return { ok: true, platform, state, redirectUrl: auth.toString() };
}
