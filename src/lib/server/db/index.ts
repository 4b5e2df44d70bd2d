/**
 * One database for the whole process: postgres.js against a server when DATABASE_URL is set,
 * otherwise the embedded PGlite in `.data/` so a newcomer needs no server.
 * Both run the same drizzle-kit migrations from `drizzle/` before the first query.
 */
import * as schema from './schema';
import { openEmbedded } from './embedded';
import { openServer } from './server';
import type { Database, Db } from './types';

export type { Database, Db } from './types';

const migrationsFolder = new URL('../../../../drizzle', import.meta.url).pathname;

export function migrationsPath(): string {
	return process.env.MIGRATIONS_DIR ?? migrationsFolder;
}

export async function openDatabase(url = process.env.DATABASE_URL): Promise<Database> {
	if (url) return openServer(url, migrationsPath());
	return openEmbedded(process.env.PGLITE_DIR ?? '.data/pglite', migrationsPath());
}

type Holder = { ontroerdDb?: Promise<Database> };
const holder = globalThis as Holder;

/** The process-wide database, opened (and migrated) on first use; kept on globalThis across dev reloads. */
export function database(): Promise<Database> {
	holder.ontroerdDb ??= openDatabase().catch((error: unknown) => {
		holder.ontroerdDb = undefined;
		throw error;
	});
	return holder.ontroerdDb;
}

export async function db(): Promise<Db> {
	return (await database()).db;
}

export async function closeDatabase(): Promise<void> {
	const open = holder.ontroerdDb;
	holder.ontroerdDb = undefined;
	if (open) await (await open).close();
}

export { schema };
