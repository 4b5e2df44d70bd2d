/**
 * JSON aggregates read as columns, so a page reads several lists in one statement.
 * postgres.js and PGlite parse json, but either may hand over text.
 */
import { sql, type SQL } from 'drizzle-orm';

/** A JSON column, `empty` (a JSON literal such as `[]` or `{}`) when the query yields null. */
export const json = <T>(query: SQL, empty: string) =>
	sql<T>`coalesce((${query}), ${sql.raw(`'${empty}'::json`)})`.mapWith((v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T)));

/** A JSON array column, `[]` when the query yields null. */
export const jsonArray = <T>(query: SQL) =>
	sql<T[]>`coalesce((${query}), '[]'::json)`.mapWith((v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as T[]) : ((v ?? []) as T[])));
