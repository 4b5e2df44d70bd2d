import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { linkOrigin } from '$lib/server/mail';
import { STATUS_LIST_ID, statusListCredential } from '$lib/server/certificates/credential';
import type { RequestHandler } from './$types';

/** The revocation status list as a signed VC-JWT (public); short-lived in caches so a revocation shows within a minute. */
export const GET: RequestHandler = async ({ params, url }) => {
	if (params.list !== STATUS_LIST_ID) error(404, 'Not found');
	const jwt = await statusListCredential(await db(), linkOrigin(url));
	return new Response(jwt, { headers: { 'content-type': 'application/vc+jwt', 'cache-control': 'public, max-age=60' } });
};
