import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { publicJwks, signingKey } from '$lib/server/keys';
import type { RequestHandler } from './$types';

/** The public keys that credentials and the status list are signed with: the active one and every retired one. */
export const GET: RequestHandler = async () => {
	const database = await db();
	await signingKey(database, 'credential'); // so the set is never empty, even before the first certificate
	return json(await publicJwks(database, 'credential'), { headers: { 'content-type': 'application/jwk-set+json', 'cache-control': 'public, max-age=300' } });
};
