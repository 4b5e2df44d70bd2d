/** Accounts and sign-in: users, sessions, throttling, single-use tokens, idempotency keys. */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';

export const ROLES = ['trainee', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** The languages an account can choose: Paraglide's (content/locales.ts), listed here for the column's CHECK; a spec keeps them equal. */
const LOCALES = ['nl', 'en'] as const;
export const TOKEN_PURPOSES = ['reset', 'register', 'email'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const users = pgTable(
	'users',
	{
		id: text().primaryKey(),
		email: text().notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text({ enum: ROLES }).notNull().default('trainee'),
		locale: text({ enum: LOCALES }).notNull().default('nl'),
		createdAt: now(),
		disabledAt: timestamp('disabled_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('users_email_key').on(t.email), oneOf('users_role_check', t.role, ROLES), oneOf('users_locale_check', t.locale, LOCALES)]
);

/** Only the SHA-256 of the session token is stored (the Lucia guide's design). */
export const sessions = pgTable(
	'sessions',
	{
		id: text().primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The idle deadline: pushed forward while the session is used, never past created_at + 30 days. */
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: now(),
		/** "Remember me": 30 days idle instead of 12 hours, and a cookie that outlives the browser. */
		rememberMe: boolean('remember_me').notNull().default(false),
		/** When the password was last entered in this session (login, registration, re-authentication); null counts as long ago. */
		passwordAt: timestamp('password_at', { withTimezone: true })
	},
	(t) => [index('sessions_user_idx').on(t.userId)]
);

/** Throttling state lives in the database so that limits hold across app instances. */
export const rateLimits = pgTable('rate_limits', {
	key: text().primaryKey(),
	tokens: doublePrecision().notNull(),
	failures: integer().notNull().default(0),
	blockedUntil: timestamp('blocked_until', { withTimezone: true }),
	updatedAt: now()
});

/**
 * Single-use tokens sent by e-mail: a password reset, the confirmation of a registration (no user
 * yet: the pending account waits in `data`) or of a new e-mail address. Only the SHA-256 is stored.
 */
export const authTokens = pgTable(
	'auth_tokens',
	{
		id: text().primaryKey(),
		purpose: text({ enum: TOKEN_PURPOSES }).notNull(),
		userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
		email: text().notNull(),
		data: jsonb(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		usedAt: timestamp('used_at', { withTimezone: true }),
		createdAt: now()
	},
	(t) => [
		index('auth_tokens_user_idx').on(t.userId),
		index('auth_tokens_expires_idx').on(t.expiresAt),
		oneOf('auth_tokens_purpose_check', t.purpose, TOKEN_PURPOSES)
	]
);

/**
 * Idempotency keys of acknowledged writes: a client that got no answer retries with the same key
 * and gets the first outcome back instead of a second write. Written in the write's transaction.
 */
export const writeKeys = pgTable(
	'write_keys',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: text().notNull(),
		result: jsonb(),
		createdAt: now()
	},
	(t) => [uniqueIndex('write_keys_user_key').on(t.userId, t.key), index('write_keys_created_idx').on(t.createdAt)]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
