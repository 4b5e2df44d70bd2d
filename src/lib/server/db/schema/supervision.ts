/** Cohorts, invites, assignments and their frozen submissions, and the access log. */
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';
import type { Locale } from '../../../paraglide/runtime';

/** What an assignment asks for: a whole module, or one vignette or quiz. */
export const TARGET_TYPES = ['module', 'vignette', 'quiz'] as const;
export type TargetType = (typeof TARGET_TYPES)[number];

/** The trainees one supervisor guides. */
export const cohorts = pgTable(
	'cohorts',
	{
		id: text().primaryKey(),
		supervisorId: text('supervisor_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		name: text().notNull(),
		createdAt: now()
	},
	(t) => [index('cohorts_supervisor_idx').on(t.supervisorId)]
);

export const cohortMembers = pgTable(
	'cohort_members',
	{
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		joinedAt: now()
	},
	(t) => [uniqueIndex('cohort_members_key').on(t.cohortId, t.learnerId), index('cohort_members_learner_idx').on(t.learnerId)]
);

/** Invite codes are shown once; only their SHA-256 is kept, like session tokens. */
export const cohortInvites = pgTable(
	'cohort_invites',
	{
		id: text().primaryKey(),
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: now()
	},
	(t) => [uniqueIndex('cohort_invites_code_key').on(t.codeHash), index('cohort_invites_cohort_idx').on(t.cohortId)]
);

export const assignments = pgTable(
	'assignments',
	{
		id: serial().primaryKey(),
		cohortId: text('cohort_id')
			.notNull()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		/** A module id, or the id of a vignette or quiz. */
		targetType: text('target_type', { enum: TARGET_TYPES }).notNull(),
		targetId: text('target_id').notNull(),
		dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
		note: text().notNull().default(''),
		createdAt: now()
	},
	(t) => [index('assignments_cohort_idx').on(t.cohortId), oneOf('assignments_target_type_check', t.targetType, TARGET_TYPES)]
);

export type SubmissionSnapshot = {
	locale: Locale;
	items: {
		id: string;
		type: string;
		title: string;
		completed: boolean;
		path?: { step: string; choice: string; feedback: string }[];
		answers?: { question: string; answer: string; feedback?: string }[];
		reflections?: { prompt: string; body: string }[];
	}[];
};

/** One row per assigned trainee: submission, review and the one reply are frozen here. */
export const assignmentLearners = pgTable(
	'assignment_learners',
	{
		assignmentId: integer('assignment_id')
			.notNull()
			.references(() => assignments.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		submittedAt: timestamp('submitted_at', { withTimezone: true }),
		snapshot: jsonb().$type<SubmissionSnapshot>(),
		feedback: text(),
		reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
		reply: text(),
		repliedAt: timestamp('replied_at', { withTimezone: true })
	},
	(t) => [uniqueIndex('assignment_learners_key').on(t.assignmentId, t.learnerId), index('assignment_learners_learner_idx').on(t.learnerId)]
);

/** Every read of a learner's reflection or submission by someone else; the learner sees this log. */
export const accessLog = pgTable(
	'access_log',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		viewerId: text('viewer_id').references(() => users.id, { onDelete: 'set null' }),
		viewerName: text('viewer_name').notNull(),
		what: text().notNull(),
		at: now()
	},
	(t) => [index('access_log_learner_idx').on(t.learnerId, t.at)]
);

export type Cohort = typeof cohorts.$inferSelect;
export type Assignment = typeof assignments.$inferSelect;
