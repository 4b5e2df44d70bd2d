import { json } from '@sveltejs/kit';
import { databaseHealth } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const health = await databaseHealth();
	return json({ status: health.ok ? 'ok' : 'unavailable', database: health }, { status: health.ok ? 200 : 503, headers: { 'cache-control': 'no-store' } });
};
