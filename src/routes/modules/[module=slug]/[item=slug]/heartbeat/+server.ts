import { error } from '@sveltejs/kit';
import { findItem } from '$lib/server/content';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { HEARTBEAT_SECONDS, recordBeat } from '$lib/server/learning/study-time';
import type { RequestHandler } from './$types';

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * The item page's heartbeat (sent with navigator.sendBeacon): `seconds` of active time since the last
 * one. A form body only, so SvelteKit's cross-site check covers it, and the origin is checked here too
 * (that check runs in production builds only). Bounded per request by recordBeat; answers 204.
 */
export const POST: RequestHandler = async ({ locals, params, request, url }) => {
	if (request.headers.get('origin') !== url.origin) error(403, 'Forbidden');
	if (!FORM_TYPES.test(request.headers.get('content-type') ?? '')) error(415, 'error_bad_request');
	if (!locals.user) error(401, 'Unauthorized');
	const item = findItem(params.module, params.item);
	if (!item) error(404, 'Not found');
	const seconds = Number((await readForm(request)).get('seconds'));
	if (!Number.isInteger(seconds) || seconds < 1 || seconds > HEARTBEAT_SECONDS) error(400, 'error_bad_request');
	await recordBeat(await db(), locals.user.id, item.id, seconds);
	return new Response(null, { status: 204 });
};
