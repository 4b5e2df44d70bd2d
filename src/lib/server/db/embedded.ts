import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import * as schema from './schema';
import type { Database } from './types';

function processAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/**
 * PGlite takes no lock on its folder, and two processes writing one folder lose data.
 * A lock file with our pid refuses a second opener; a lock left by a dead process is taken over.
 */
function takeLock(dir: string): () => void {
	const lock = join(dir, 'ontroerd.lock');
	for (let tries = 0; tries < 2; tries++) {
		try {
			const fd = openSync(lock, 'wx');
			writeSync(fd, String(process.pid));
			closeSync(fd);
			return () => rmSync(lock, { force: true });
		} catch {
			const holder = Number(readFileSync(lock, 'utf8'));
			if (holder === process.pid || (holder > 0 && processAlive(holder))) {
				throw new Error(
					`The embedded database in ${dir} is in use by process ${holder} (for example "npm run dev"). Stop it first, or point PGLITE_DIR elsewhere.`
				);
			}
			rmSync(lock, { force: true });
		}
	}
	throw new Error(`Could not lock the embedded database in ${dir}.`);
}

export async function openEmbedded(dir: string, migrationsFolder: string): Promise<Database> {
	mkdirSync(dir, { recursive: true });
	const release = takeLock(dir);
	try {
		const { PGlite } = await import('@electric-sql/pglite');
		const { drizzle } = await import('drizzle-orm/pglite');
		const { migrate } = await import('drizzle-orm/pglite/migrator');
		const client = await PGlite.create(join(dir, 'data'));
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder });
		return {
			// The query builder is the same on both drivers; one type keeps the domain modules simple.
			db: db as unknown as PostgresJsDatabase<typeof schema>,
			driver: 'pglite',
			close: async () => {
				await client.close();
				release();
			},
			listen: (channel, onPayload) => client.listen(channel, onPayload)
		};
	} catch (error) {
		release();
		throw error;
	}
}
