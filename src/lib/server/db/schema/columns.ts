import { timestamp } from 'drizzle-orm/pg-core';

/** created_at and the like: with time zone, set by the database. */
export const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();
