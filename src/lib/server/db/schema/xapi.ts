/**
 * Learning records for a Learning Record Store (xAPI): the outbox of statements waiting to be sent,
 * written in the transaction of the event each records, and the cmi5 launches an LMS made.
 */
import { sql } from 'drizzle-orm';
import { bigserial, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now } from './columns';
import { users } from './auth';

/** An LMS's launch of a module as a cmi5 assignable unit; its statements go to the LMS's LRS with its token. */
export const cmi5Launches = pgTable(
	'cmi5_launches',
	{
		id: text().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		moduleId: text('module_id').notNull(),
		endpoint: text().notNull(),
		/** The token fetched once from the LMS's fetch URL, sent as `Authorization: Basic <token>`. */
		authToken: text('auth_token').notNull(),
		registration: text().notNull(),
		activityId: text('activity_id').notNull(),
		/** The launch's actor, as the LMS sent it: cmi5 statements must carry it unchanged. */
		actor: jsonb().$type<Record<string, unknown>>().notNull(),
		/** LMS.LaunchData: launchMode, moveOn, masteryScore, returnURL and the contextTemplate. */
		launchData: jsonb('launch_data').$type<Record<string, unknown>>().notNull(),
		createdAt: now(),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		terminatedAt: timestamp('terminated_at', { withTimezone: true })
	},
	(t) => [index('cmi5_launches_learner_idx').on(t.learnerId, t.moduleId)]
);

/** The account behind a cmi5 actor (an LMS account: homePage and name), never matched by e-mail. */
export const cmi5Accounts = pgTable(
	'cmi5_accounts',
	{
		homePage: text('home_page').notNull(),
		name: text().notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: now()
	},
	(t) => [uniqueIndex('cmi5_accounts_key').on(t.homePage, t.name), index('cmi5_accounts_user_idx').on(t.userId)]
);

/**
 * Statements waiting for (or delivered to) an LRS. The id is the statement's own id, a UUID v5 of the
 * event's key, so a retried event writes no second row and the LRS never stores one twice. Deleting the
 * learner deletes their rows, so nothing more is sent about them.
 */
export const xapiOutbox = pgTable(
	'xapi_outbox',
	{
		id: text().primaryKey(),
		/** The order rows were queued in: a cmi5 launch's statements are sent in it, one at a time (initialized first, terminated last). */
		seq: bigserial({ mode: 'number' }).notNull(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Set for a cmi5 launch's statements (sent to the launch's LRS); null for the installation's LRS. */
		launchId: text('launch_id').references(() => cmi5Launches.id, { onDelete: 'cascade' }),
		statement: jsonb().$type<Record<string, unknown>>().notNull(),
		attempts: integer().notNull().default(0),
		nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
		sentAt: timestamp('sent_at', { withTimezone: true }),
		lastError: text('last_error'),
		createdAt: now()
	},
	(t) => [
		index('xapi_outbox_due_idx')
			.on(t.nextAttemptAt)
			.where(sql`sent_at is null`),
		index('xapi_outbox_learner_idx').on(t.learnerId)
	]
);
