/** A learner's own work: progress, vignette and quiz attempts, reflections, study time. */
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';

export const PROGRESS_STATUSES = ['started', 'completed'] as const;
export type ProgressStatus = (typeof PROGRESS_STATUSES)[number];
/** Who may read a reflection besides its author: nobody, their supervisor(s), or one group of theirs. */
export const VISIBILITIES = ['private', 'supervisor', 'group'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** One row per learner and course item: where they are and whether it is done. */
export const progress = pgTable(
	'progress',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		moduleId: text('module_id').notNull(),
		itemId: text('item_id').notNull(),
		status: text({ enum: PROGRESS_STATUSES }).notNull().default('started'),
		contentVersion: text('content_version').notNull(),
		updatedAt: now()
	},
	(t) => [
		uniqueIndex('progress_learner_item_key').on(t.learnerId, t.itemId),
		index('progress_learner_updated_idx').on(t.learnerId, t.updatedAt),
		oneOf('progress_status_check', t.status, PROGRESS_STATUSES)
	]
);

export type PathEntry = { step: string; choice: string };

export const vignetteAttempts = pgTable(
	'vignette_attempts',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		vignetteId: text('vignette_id').notNull(),
		attempt: integer().notNull(),
		currentStep: text('current_step').notNull(),
		path: jsonb().$type<PathEntry[]>().notNull().default([]),
		contentVersion: text('content_version').notNull(),
		createdAt: now(),
		completedAt: timestamp('completed_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('vignette_attempts_key').on(t.learnerId, t.vignetteId, t.attempt)]
);

export const quizAttempts = pgTable(
	'quiz_attempts',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		quizId: text('quiz_id').notNull(),
		attempt: integer().notNull(),
		createdAt: now(),
		completedAt: timestamp('completed_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('quiz_attempts_key').on(t.learnerId, t.quizId, t.attempt)]
);

export type QuizAnswerValue = string | string[] | number;

export const quizAnswers = pgTable(
	'quiz_answers',
	{
		attemptId: integer('attempt_id')
			.notNull()
			.references(() => quizAttempts.id, { onDelete: 'cascade' }),
		questionId: text('question_id').notNull(),
		answer: jsonb().$type<QuizAnswerValue>().notNull(),
		contentVersion: text('content_version').notNull(),
		answeredAt: now()
	},
	(t) => [uniqueIndex('quiz_answers_key').on(t.attemptId, t.questionId)]
);

/** A learner's own text. `version` guards against a stale tab overwriting newer text. */
export const reflections = pgTable(
	'reflections',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		promptKey: text('prompt_key').notNull(),
		itemId: text('item_id').notNull(),
		body: text().notNull(),
		version: integer().notNull(),
		visibility: text({ enum: VISIBILITIES }).notNull().default('private'),
		contentVersion: text('content_version').notNull(),
		updatedAt: now()
	},
	(t) => [uniqueIndex('reflections_learner_prompt_key').on(t.learnerId, t.promptKey), oneOf('reflections_visibility_check', t.visibility, VISIBILITIES)]
);

export type Reflection = typeof reflections.$inferSelect;

/**
 * Active study time per learner and item (issue 12), on two clocks: heartbeats from the item page
 * with JavaScript, and the gaps between the learner's own progress posts without it. Each clock
 * credits at most the wall-clock time since its own last tick; see learning/study-time.ts.
 */
export const studyTime = pgTable(
	'study_time',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		itemId: text('item_id').notNull(),
		beatSeconds: integer('beat_seconds').notNull().default(0),
		beatAt: timestamp('beat_at', { withTimezone: true }),
		eventSeconds: integer('event_seconds').notNull().default(0),
		eventAt: timestamp('event_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('study_time_learner_item_key').on(t.learnerId, t.itemId), index('study_time_item_idx').on(t.itemId)]
);
