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
export async function freshDatabase(
	driver: Driver,
	migrations = migrationsPath()
): Promise<Database & { drop: () => Promise<void>; reopen: () => Promise<Database> }> {
	if (driver === 'pglite') {
		const dir = mkdtempSync(join(tmpdir(), 'ontroerd-it-'));
		let open = await openEmbedded(dir, migrations);
		return {
			...open,
			drop: async () => {
				await open.close();
				rmSync(dir, { recursive: true, force: true });
			},
			// An app restart: the folder closed and opened again by a new instance (`drop` closes whichever is open).
			reopen: async () => {
				await open.close();
				open = await openEmbedded(dir, migrations);
				return open;
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
	const others: Database[] = [];
	return {
		...database,
		// Another app instance on the same database (the first stays open, as a second server would).
		reopen: async () => {
			const other = await openServer(own.toString(), migrations);
			others.push(other);
			return other;
		},
		drop: async () => {
			for (const other of others) await other.close();
			await database.close();
			await admin.unsafe(`drop database if exists ${name} with (force)`);
			await admin.end();
		}
	};
}
