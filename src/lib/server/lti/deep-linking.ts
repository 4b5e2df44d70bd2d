/**
 * Deep Linking 2.0: an instructor's LtiDeepLinkingRequest opens the picker; what they pick goes back as a signed
 * LtiDeepLinkingResponse posted to the platform's return URL. Between the two the request's settings travel in a
 * ticket the tool signs for itself (bound to the instructor's account, one hour), so no table keeps them.
 */
import { SignJWT, createLocalJWKSet, jwtVerify } from 'jose';
import type { Db } from '../db';
import type { Course, Locale } from '../content';
import { publicJwks, signingKey } from '../keys';
import { CLAIM, MESSAGE } from './claims';
import type { ValidLaunch } from './launch';
import { platformById } from './platforms';
import { randomToken } from './login';
import { ltiTargets, type LtiTarget } from './targets';

const TICKET_AUDIENCE = 'ontroerd:lti-deep-linking';

export type DeepLinkSettings = { platformId: string; deploymentId: string; returnUrl: string; data?: string; acceptMultiple: boolean; acceptLineItem: boolean };

/** The request's settings, or null if it cannot be answered (no return URL, or links are not accepted). */
export function deepLinkSettings(launch: ValidLaunch): DeepLinkSettings | null {
	const settings = launch.claims[CLAIM.deepLinkingSettings] as Record<string, unknown> | undefined;
	const returnUrl = settings?.deep_link_return_url;
	const types = Array.isArray(settings?.accept_types) ? settings.accept_types : [];
	if (typeof returnUrl !== 'string' || !types.includes('ltiResourceLink')) return null;
	return {
		platformId: launch.platform.id,
		deploymentId: launch.deploymentId,
		returnUrl,
		data: typeof settings?.data === 'string' ? settings.data : undefined,
		acceptMultiple: settings?.accept_multiple !== false,
		acceptLineItem: settings?.accept_lineitem !== false
	};
}

export async function signTicket(db: Db, userId: string, settings: DeepLinkSettings): Promise<string> {
	const key = await signingKey(db, 'lti');
	return new SignJWT({ settings })
		.setProtectedHeader({ alg: key.alg ?? 'RS256', kid: key.kid })
		.setSubject(userId)
		.setAudience(TICKET_AUDIENCE)
		.setIssuedAt()
		.setExpirationTime('1h')
		.sign(key.privateKey);
}

export async function readTicket(db: Db, ticket: string, userId: string): Promise<DeepLinkSettings | null> {
	try {
		const { payload } = await jwtVerify(ticket, createLocalJWKSet(await publicJwks(db, 'lti')), { audience: TICKET_AUDIENCE, subject: userId });
		return (payload.settings as DeepLinkSettings | undefined) ?? null;
	} catch {
		return null;
	}
}

/** Modules and the final test carry a line item (a gradebook column); vignettes, quizzes and drills do not. */
const graded = (target: LtiTarget) => target.kind === 'module' || target.kind === 'test';

export type DeepLinkAnswer = { ok: true; returnUrl: string; jwt: string } | { ok: false; error: 'ticket' | 'none-chosen' | 'one-only' };

export async function deepLinkingResponse(
	db: Db,
	course: Course,
	input: { ticket: string; userId: string; paths: string[]; locale: Locale; toolOrigin: string; extraTargets?: LtiTarget[] }
): Promise<DeepLinkAnswer> {
	const settings = await readTicket(db, input.ticket, input.userId);
	const platform = settings && (await platformById(db, settings.platformId));
	if (!settings || !platform) return { ok: false, error: 'ticket' };
	const targets = ltiTargets(course, input.extraTargets);
	const chosen = targets.filter((t) => input.paths.includes(t.path));
	if (chosen.length === 0) return { ok: false, error: 'none-chosen' };
	if (chosen.length > 1 && !settings.acceptMultiple) return { ok: false, error: 'one-only' };
	const items = chosen.map((t) => ({
		type: 'ltiResourceLink',
		title: t.title[input.locale],
		url: `${input.toolOrigin}${t.path}`,
		custom: { target: t.path },
		...(graded(t) && settings.acceptLineItem ? { lineItem: { scoreMaximum: 100, label: t.title[input.locale], resourceId: t.path } } : {})
	}));
	const key = await signingKey(db, 'lti');
	const jwt = await new SignJWT({
		[CLAIM.messageType]: MESSAGE.deepLinkingResponse,
		[CLAIM.version]: '1.3.0',
		[CLAIM.deploymentId]: settings.deploymentId,
		[CLAIM.contentItems]: items,
		...(settings.data !== undefined ? { [CLAIM.dlData]: settings.data } : {}),
		nonce: randomToken()
	})
		.setProtectedHeader({ alg: key.alg ?? 'RS256', kid: key.kid, typ: 'JWT' })
		.setIssuer(platform.clientId)
		.setAudience(platform.issuer)
		.setIssuedAt()
		.setExpirationTime('5m')
		.sign(key.privateKey);
	return { ok: true, returnUrl: settings.returnUrl, jwt };
}
