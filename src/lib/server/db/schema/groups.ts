/** Intervision groups: members, invites, shared reflections, discussion, meetings. */
import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now } from './columns';
import { users } from './auth';
import { reflections } from './learning';

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
