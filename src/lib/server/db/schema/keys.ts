/** The installation's signing keys: generated here, kept only in this database, never in the repository or an export. */
import { sql } from 'drizzle-orm';
import { jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';

/** What a key signs: Open Badges credentials and their status list, or LTI messages. */
export const KEY_PURPOSES = ['credential', 'lti'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

/** A JSON Web Key as jose exports it. */
export type StoredJwk = Record<string, string | undefined>;

/**
 * One row per key. The active key of a purpose is its one row without `retired_at`; a rotation retires it
 * and inserts the next, and retired keys stay so that their public half keeps verifying what they signed.
 */
export const signingKeys = pgTable(
	'signing_keys',
	{
		kid: text().primaryKey(),
		purpose: text({ enum: KEY_PURPOSES }).notNull(),
		algorithm: text().notNull(),
		publicJwk: jsonb('public_jwk').$type<StoredJwk>().notNull(),
		privateJwk: jsonb('private_jwk').$type<StoredJwk>().notNull(),
		createdAt: now(),
		retiredAt: timestamp('retired_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('signing_keys_active_key')
			.on(t.purpose)
			.where(sql`${t.retiredAt} is null`),
		oneOf('signing_keys_purpose_check', t.purpose, KEY_PURPOSES)
	]
);
