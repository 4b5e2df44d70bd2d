/** The final test (toets) and the course evaluation (issue 17): attempts, the items drawn for each, evaluations. */
import { boolean, doublePrecision, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now } from './columns';
import { users } from './auth';

/**
 * One attempt at the final test. Attempts are kept (an accreditation requirement); the pass mark in force and the
 * content version are stored with it, so a later change to either does not rewrite an old result.
 */
export const testAttempts = pgTable(
	'test_attempts',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		attempt: integer().notNull(),
		startedAt: now(),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		/** Items answered correctly, the number drawn, and the score as a whole percentage; set on submit. */
		correct: integer(),
		total: integer().notNull(),
		score: integer(),
		passed: boolean(),
		passMark: integer('pass_mark').notNull(),
		contentVersion: text('content_version').notNull()
	},
	(t) => [uniqueIndex('test_attempts_key').on(t.learnerId, t.attempt)]
);

export type TestAttempt = typeof testAttempts.$inferSelect;

/** An item drawn for an attempt, in the order shown, with its options in the order shown and the answer chosen. */
export const testAttemptItems = pgTable(
	'test_attempt_items',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => testAttempts.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		itemId: text('item_id').notNull(),
		moduleId: text('module_id').notNull(),
		optionOrder: jsonb('option_order').$type<string[]>().notNull(),
		answer: text(),
		answeredAt: timestamp('answered_at', { withTimezone: true }),
		/** Scored on submit, so the item analysis reads what the learner was marked on. */
		correct: boolean()
	},
	(t) => [uniqueIndex('test_attempt_items_key').on(t.attemptId, t.itemId), index('test_attempt_items_item_idx').on(t.itemId)]
);

/** The participant evaluation registers ask for, one per submitted attempt. Ratings are 1..5. */
export const testEvaluations = pgTable(
	'test_evaluations',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => testAttempts.id, { onDelete: 'cascade' }),
		relevance: integer().notNull(),
		objectivesMet: integer('objectives_met').notNull(),
		contentQuality: integer('content_quality').notNull(),
		studyLoad: integer('study_load').notNull(),
		hoursSpent: doublePrecision('hours_spent').notNull(),
		comments: text().notNull().default(''),
		contentVersion: text('content_version').notNull(),
		createdAt: now()
	},
	(t) => [uniqueIndex('test_evaluations_attempt_key').on(t.attemptId), index('test_evaluations_learner_idx').on(t.learnerId)]
);

export type TestEvaluation = typeof testEvaluations.$inferSelect;
