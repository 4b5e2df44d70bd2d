import { json } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { publicJwks, signingKey } from '$lib/server/keys';
import type { RequestHandler } from './$types';

/** The tool's public LTI keys (active and retired), for platforms checking its client assertions and deep-linking responses. */
export const GET: RequestHandler = async () => {
	const database = await db();
	await signingKey(database, 'lti'); // made on first use, so a platform never reads an empty set
	return json(await publicJwks(database, 'lti'), { headers: { 'cache-control': 'public, max-age=300' } });
};
