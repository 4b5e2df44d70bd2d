import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	doublePrecision,
	index,
	integer,
	jsonb,
	pgTable,
	serial,
	text,
	timestamp,
	uniqueIndex
} from 'drizzle-orm/pg-core';

const now = () => timestamp({ withTimezone: true }).notNull().defaultNow();

export const users = pgTable(
	'users',
	{
		id: text().primaryKey(),
		email: text().notNull(),
		displayName: text('display_name').notNull(),
		passwordHash: text('password_hash').notNull(),
		role: text().notNull().default('trainee'),
		locale: text().notNull().default('nl'),
		createdAt: now(),
		disabledAt: timestamp('disabled_at', { withTimezone: true })
	},
	(t) => [
		uniqueIndex('users_email_key').on(t.email),
		check('users_role_check', sql`${t.role} in ('trainee', 'supervisor', 'admin')`),
		check('users_locale_check', sql`${t.locale} in ('nl', 'en')`)
	]
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
		purpose: text().notNull(),
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
		check('auth_tokens_purpose_check', sql`${t.purpose} in ('reset', 'register', 'email')`)
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

/** One row per learner and course item: where they are and whether it is done. */
export const progress = pgTable(
	'progress',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		moduleId: text('module_id').notNull(),
		itemId: text('item_id').notNull(),
		status: text().notNull().default('started'),
		contentVersion: text('content_version').notNull(),
		updatedAt: now()
	},
	(t) => [
		uniqueIndex('progress_learner_item_key').on(t.learnerId, t.itemId),
		index('progress_learner_updated_idx').on(t.learnerId, t.updatedAt),
		check('progress_status_check', sql`${t.status} in ('started', 'completed')`)
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
		visibility: text().notNull().default('private'),
		contentVersion: text('content_version').notNull(),
		updatedAt: now()
	},
	(t) => [
		uniqueIndex('reflections_learner_prompt_key').on(t.learnerId, t.promptKey),
		check('reflections_visibility_check', sql`${t.visibility} in ('private', 'supervisor', 'group')`)
	]
);

export type User = typeof users.$inferSelect;
export type Session = typeof sessions.$inferSelect;
export type Reflection = typeof reflections.$inferSelect;

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
		targetType: text('target_type').notNull(),
		targetId: text('target_id').notNull(),
		dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
		note: text().notNull().default(''),
		createdAt: now()
	},
	(t) => [
		index('assignments_cohort_idx').on(t.cohortId),
		check('assignments_target_type_check', sql`${t.targetType} in ('module', 'vignette', 'quiz')`)
	]
);

export type SubmissionSnapshot = {
	locale: 'nl' | 'en';
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

/** Intervision: peers (3–12) who work one case alone, then meet. */
export const groups = pgTable('groups', {
	id: text().primaryKey(),
	name: text().notNull(),
	facilitatorId: text('facilitator_id').references(() => users.id, { onDelete: 'set null' }),
	/** The group's current case: a vignette or quiz id, with the meeting date. */
	caseType: text('case_type'),
	caseId: text('case_id'),
	meetingAt: timestamp('meeting_at', { withTimezone: true }),
	createdAt: now()
});

export const groupMembers = pgTable(
	'group_members',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		memberId: text('member_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** Names appear beside this member's answers only when they opted in. */
		showName: integer('show_name').notNull().default(0),
		joinedAt: now()
	},
	(t) => [uniqueIndex('group_members_key').on(t.groupId, t.memberId), index('group_members_member_idx').on(t.memberId)]
);

export const groupInvites = pgTable(
	'group_invites',
	{
		id: text().primaryKey(),
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		codeHash: text('code_hash').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		createdAt: now()
	},
	(t) => [uniqueIndex('group_invites_code_key').on(t.codeHash)]
);

/** Which group a reflection with visibility 'group' is shared with. */
export const reflectionShares = pgTable(
	'reflection_shares',
	{
		reflectionId: integer('reflection_id')
			.notNull()
			.references(() => reflections.id, { onDelete: 'cascade' }),
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		named: integer().notNull().default(0)
	},
	(t) => [uniqueIndex('reflection_shares_key').on(t.reflectionId, t.groupId), index('reflection_shares_group_idx').on(t.groupId)]
);

/** The discussion thread per group and case. A deleted account leaves its posts anonymised or removed. */
export const groupPosts = pgTable(
	'group_posts',
	{
		id: serial().primaryKey(),
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		caseId: text('case_id').notNull(),
		authorId: text('author_id').references(() => users.id, { onDelete: 'set null' }),
		parentId: integer('parent_id'),
		body: text().notNull(),
		createdAt: now(),
		editedAt: timestamp('edited_at', { withTimezone: true }),
		deletedAt: timestamp('deleted_at', { withTimezone: true })
	},
	(t) => [index('group_posts_thread_idx').on(t.groupId, t.caseId, t.createdAt)]
);

/** The structured meeting: the phase the group is in, and the facilitator's notes per phase. */
export const groupMeetings = pgTable(
	'group_meetings',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		caseId: text('case_id').notNull(),
		phase: text().notNull(),
		phaseStartedAt: timestamp('phase_started_at', { withTimezone: true }).notNull().defaultNow(),
		notes: jsonb().$type<Record<string, string>>().notNull().default({}),
		updatedAt: now()
	},
	(t) => [uniqueIndex('group_meetings_key').on(t.groupId, t.caseId)]
);

export type Group = typeof groups.$inferSelect;
export type GroupPost = typeof groupPosts.$inferSelect;

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
