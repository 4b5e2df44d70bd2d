import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import * as schema from './schema';
import type { Database } from './types';

/** A server that may lose acknowledged writes: the app must not start against it (see hooks.server.ts). */
export class UnsafeDurabilityError extends Error {
	override name = 'UnsafeDurabilityError';
}

/** Refuse a server that acknowledges writes it may lose: "saved" must mean durable. */
async function assertDurable(sql: postgres.Sql): Promise<void> {
	const rows = await sql<{ name: string; setting: string }[]>`
		select name, setting from pg_settings where name in ('fsync', 'synchronous_commit')`;
	const off = rows.filter((r) => r.setting === 'off').map((r) => r.name);
	if (off.length > 0) {
		throw new UnsafeDurabilityError(
			`PostgreSQL has ${off.join(' and ')} off: acknowledged saves could be lost. Turn it on, or set ALLOW_UNSAFE_DURABILITY=1 for throwaway test servers.`
		);
	}
}

export async function openServer(url: string, migrationsFolder: string): Promise<Database> {
	const sql = postgres(url, {
		max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
		onnotice: () => {},
		connect_timeout: 5,
		// While the server is away, queued queries wait for a connection attempt each; the default backoff
		// grows to 20 s, so requests hung that long instead of getting the 503 page. Retry within ~0.1 s (jittered).
		backoff: () => 0.05 + Math.random() * 0.1
	});
	try {
		if (process.env.ALLOW_UNSAFE_DURABILITY !== '1') await assertDurable(sql);
		const db = drizzle(sql, { schema });
		await migrate(db, { migrationsFolder });
		return {
			db,
			driver: 'postgres',
			close: () => sql.end({ timeout: 5 }),
			// postgres.js keeps one extra connection for all LISTENs and re-listens after a reconnect.
			listen: async (channel, onPayload) => {
				const { unlisten } = await sql.listen(channel, onPayload);
				return unlisten;
			}
		};
	} catch (error) {
		await sql.end({ timeout: 1 });
		throw error;
	}
}
