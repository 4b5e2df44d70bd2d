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
