/** The database types, apart from index.ts so that embedded.ts and server.ts need not import it back. */
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;

export type Database = {
	db: Db;
	driver: 'pglite' | 'postgres';
	close: () => Promise<void>;
	/**
	 * LISTEN on a channel (a lower-case name of letters, digits and _); the returned function
	 * stops listening. Prefer `subscribe` in ./notify.ts, which shares one LISTEN per process.
	 */
	listen: (channel: string, onPayload: (payload: string) => void) => Promise<() => Promise<void>>;
};
