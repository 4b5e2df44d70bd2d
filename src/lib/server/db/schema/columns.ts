import { sql } from 'drizzle-orm';
import { check, timestamp, type PgColumn } from 'drizzle-orm/pg-core';

/** created_at and the like: with time zone, set by the database. */
export const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

/**
 * The CHECK that keeps a text column to a closed set; the same list types the column (`text({ enum })`).
 * Text with a CHECK rather than pgEnum: a value is added or dropped by replacing the constraint inside the
 * migration's transaction (ALTER TYPE … ADD VALUE cannot be used in the transaction that adds it, and a
 * value cannot be dropped at all), and the column stays text on PGlite and PostgreSQL alike.
 */
export const oneOf = (name: string, column: PgColumn, values: readonly string[]) =>
	check(name, sql`${column} in (${sql.raw(values.map((v) => `'${v}'`).join(', '))})`);
