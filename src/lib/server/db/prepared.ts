import type { Db } from './index';

/**
 * A prepared statement, built once per database instead of on every call: drizzle's query building
 * was about a sixth of a dashboard request's CPU time. Parameters are `sql.placeholder(name)`s.
 */
export function prepared<Q>(build: (db: Db) => Q): (db: Db) => Q {
	const cache = new WeakMap<Db, Q>();
	return (db) => {
		let query = cache.get(db);
		if (!query) cache.set(db, (query = build(db)));
		return query;
	};
}

/** What drizzle keeps of a database or transaction: its session, which holds the driver's client. */
type WithSession = { session: { client: unknown; constructor: unknown } };

/**
 * A prepared statement that runs inside a transaction as well: built once per driver, run on the connection of
 * whatever the caller holds, the database or a transaction. drizzle binds a prepared query to the client of the
 * session that built it, and inside a transaction that must be the transaction's own (postgres.js's reserved
 * connection; PGlite's transaction, outside which a query would wait for the transaction to end). So each call
 * runs a copy of the query with the caller's client. The writes run most of their statements in transactions,
 * where drizzle otherwise builds each one's SQL anew (issue 19). This reads drizzle-orm 0.45's `session.client`
 * and the prepared query's `client` (PostgresJsPreparedQuery and PglitePreparedQuery alike); an upgrade that
 * renames them fails the integration tests at once.
 */
export function preparedAnywhere<Q extends object>(build: (db: Db) => Q): (db: object) => Q {
	const byDriver = new Map<unknown, Q>();
	return (db) => {
		const { session } = db as WithSession;
		let query = byDriver.get(session.constructor);
		if (!query) byDriver.set(session.constructor, (query = build(db as Db)));
		return Object.assign(Object.create(Object.getPrototypeOf(query) as object) as Q, query, { client: session.client });
	};
}
