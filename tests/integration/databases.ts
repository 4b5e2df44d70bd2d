/**
 * The real databases the integration suites run on: always the embedded PGlite, and also the
 * PostgreSQL server when DATABASE_URL is set (CI sets it). Each suite gets a fresh database.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { migrationsPath, type Database } from '../../src/lib/server/db';
import { openEmbedded } from '../../src/lib/server/db/embedded';
import { openServer } from '../../src/lib/server/db/server';

export type Driver = 'pglite' | 'postgres';
export const drivers: Driver[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

/** `migrations`: another folder of migrations, for a test that starts from an older schema (see migrations.test.ts). */
export async function freshDatabase(driver: Driver, migrations = migrationsPath()): Promise<Database & { drop: () => Promise<void> }> {
	if (driver === 'pglite') {
		const dir = mkdtempSync(join(tmpdir(), 'ontroerd-it-'));
		const database = await openEmbedded(dir, migrations);
		return {
			...database,
			drop: async () => {
				await database.close();
				rmSync(dir, { recursive: true, force: true });
			}
		};
	}
	const url = new URL(process.env.DATABASE_URL ?? '');
	const name = `ontroerd_it_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
	const admin = postgres(url.toString(), { max: 1, onnotice: () => {} });
	await admin.unsafe(`create database ${name}`);
	const own = new URL(url);
	own.pathname = `/${name}`;
	const database = await openServer(own.toString(), migrations);
	return {
		...database,
		drop: async () => {
			await database.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
