import { sql } from 'drizzle-orm';
import { database } from './index';

/** Errors that mean "the database is not there right now", as opposed to a bug in a query. */
export function isDatabaseUnavailable(error: unknown): boolean {
	let e: unknown = error;
	for (let depth = 0; e && depth < 5; depth++) {
		const { code, message } = e as { code?: string; message?: string };
		if (
			code &&
			[
				'ECONNREFUSED',
				'ECONNRESET',
				'ETIMEDOUT',
				'ENOTFOUND',
				'EPIPE',
				'CONNECT_TIMEOUT',
				'CONNECTION_CLOSED',
				'CONNECTION_ENDED',
				'CONNECTION_DESTROYED',
				'57P01',
				'57P02',
				'57P03',
				'08006',
				'08001',
				'08003'
			].includes(code)
		)
			return true;
		if (message && /connect|terminating connection|shutting down|starting up/i.test(message) && !/syntax/i.test(message)) return true;
		e = (e as { cause?: unknown }).cause;
	}
	return false;
}

export async function databaseHealth(): Promise<{ ok: boolean; driver?: string; error?: string }> {
	try {
		const { db, driver } = await database();
		await Promise.race([db.execute(sql`select 1`), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000))]);
		return { ok: true, driver };
	} catch (error) {
		return { ok: false, error: isDatabaseUnavailable(error) ? 'unreachable' : 'error' };
	}
}
