/** Intervision groups: members, invites, shared reflections, discussion, meetings. */
import { boolean, foreignKey, index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';
import { reflections } from './learning';

/** What a group can take as its case. */
export const CASE_TYPES = ['vignette', 'quiz'] as const;
export type CaseType = (typeof CASE_TYPES)[number];
/** The incident method's phases, in order; a meeting row is in one of them, or 'done' after the last. */
export const PHASES = ['choose', 'present', 'clarify', 'analyse', 'advise', 'evaluate'] as const;
export type Phase = (typeof PHASES)[number];
const MEETING_PHASES = [...PHASES, 'done'] as const;

/** Intervision: peers (3–12) who work one case alone, then meet. */
export const groups = pgTable(
	'groups',
	{
		id: text().primaryKey(),
		name: text().notNull(),
		facilitatorId: text('facilitator_id').references(() => users.id, { onDelete: 'set null' }),
		/** The group's current case: a vignette or quiz id, with the meeting date. */
		caseType: text('case_type', { enum: CASE_TYPES }),
		caseId: text('case_id'),
		meetingAt: timestamp('meeting_at', { withTimezone: true }),
		createdAt: now()
	},
	(t) => [oneOf('groups_case_type_check', t.caseType, CASE_TYPES)]
);

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
		showName: boolean('show_name').notNull().default(false),
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
		named: boolean().notNull().default(false)
	},
	(t) => [uniqueIndex('reflection_shares_key').on(t.reflectionId, t.groupId), index('reflection_shares_group_idx').on(t.groupId)]
);

/**
 * The discussion thread per group and case, with one level of replies. A deleted account leaves its posts
 * anonymised or removed; a removed post that others replied to keeps its place without text (see
 * account/delete.ts), so the reference to the parent never dangles: deleting a post that still has
 * replies fails (no action), while a whole thread goes at once with its group.
 */
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
	(t) => [
		index('group_posts_thread_idx').on(t.groupId, t.caseId, t.createdAt),
		index('group_posts_parent_idx').on(t.parentId),
		foreignKey({ name: 'group_posts_parent_id_group_posts_id_fk', columns: [t.parentId], foreignColumns: [t.id] }).onDelete('no action')
	]
);

/** The structured meeting: the phase the group is in, and the facilitator's notes per phase. */
export const groupMeetings = pgTable(
	'group_meetings',
	{
		groupId: text('group_id')
			.notNull()
			.references(() => groups.id, { onDelete: 'cascade' }),
		caseId: text('case_id').notNull(),
		phase: text({ enum: MEETING_PHASES }).notNull(),
		phaseStartedAt: timestamp('phase_started_at', { withTimezone: true }).notNull().defaultNow(),
		notes: jsonb().$type<Record<string, string>>().notNull().default({}),
		updatedAt: now()
	},
	(t) => [uniqueIndex('group_meetings_key').on(t.groupId, t.caseId), oneOf('group_meetings_phase_check', t.phase, MEETING_PHASES)]
);

export type Group = typeof groups.$inferSelect;
export type GroupPost = typeof groupPosts.$inferSelect;
