/**
 * Deliberate practice (issue 15): a learner's responses to drills, the spaced-repetition card of each drill
 * they practised, the open first view of a drill (for the time to respond), and their rung on the ladder.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';
import { groups } from './groups';
import { VISIBILITIES } from './learning';

/** Where a response was given: in the practice area, or inside a vignette at its tearful decision step. */
export const PRACTICE_PLACES = ['practice', 'vignette'] as const;
export type PracticePlace = (typeof PRACTICE_PLACES)[number];
export const DIFFICULTIES = ['too-easy', 'about-right', 'too-hard'] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];
/** The learner's own scores, 1..5, per rubric skill the drill targets. */
export type SkillRatings = Record<string, number>;

/** One response to one drill. Private by default; shared with the supervisor(s) or one group of the learner's, like a reflection. */
export const drillResponses = pgTable(
	'drill_responses',
	{
		id: serial().primaryKey(),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		drillId: text('drill_id').notNull(),
		place: text({ enum: PRACTICE_PLACES }).notNull().default('practice'),
		/** "What I notice in my body", optional, written before the response. */
		bodyNote: text('body_note'),
		body: text().notNull(),
		contentVersion: text('content_version').notNull(),
		/** The server's time of the learner's first view of the drill, and of the save: never enforced (WCAG 2.2.1). */
		viewedAt: timestamp('viewed_at', { withTimezone: true }).notNull(),
		submittedAt: now(),
		seconds: integer().notNull(),
		ratings: jsonb().$type<SkillRatings>(),
		difficulty: text({ enum: DIFFICULTIES }),
		ratedAt: timestamp('rated_at', { withTimezone: true }),
		visibility: text({ enum: VISIBILITIES }).notNull().default('private'),
		/** The group it is shared with, when visibility is 'group'; a deleted group leaves it readable by its author only. */
		groupId: text('group_id').references(() => groups.id, { onDelete: 'set null' })
	},
	(t) => [
		index('drill_responses_learner_drill_idx').on(t.learnerId, t.drillId, t.submittedAt),
		index('drill_responses_group_idx').on(t.groupId),
		oneOf('drill_responses_place_check', t.place, PRACTICE_PLACES),
		oneOf('drill_responses_difficulty_check', t.difficulty, DIFFICULTIES),
		oneOf('drill_responses_visibility_check', t.visibility, VISIBILITIES),
		check('drill_responses_group_check', sql`${t.groupId} is null or ${t.visibility} = 'group'`)
	]
);
export type DrillResponse = typeof drillResponses.$inferSelect;

/** The FSRS card (ts-fsrs) of a drill a learner has rated; `due` is the card's due date, kept as a column to query on. */
export const practiceCards = pgTable(
	'practice_cards',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		drillId: text('drill_id').notNull(),
		card: jsonb().notNull(),
		due: timestamp({ withTimezone: true }).notNull(),
		reps: integer().notNull().default(0),
		updatedAt: now()
	},
	(t) => [primaryKey({ columns: [t.learnerId, t.drillId] }), index('practice_cards_learner_due_idx').on(t.learnerId, t.due)]
);

/** The first view of a drill not yet answered: the start of "time to respond". Removed when the response is saved. */
export const drillViews = pgTable(
	'drill_views',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		drillId: text('drill_id').notNull(),
		viewedAt: now()
	},
	(t) => [primaryKey({ columns: [t.learnerId, t.drillId] })]
);

/** The learner's rung on the ladder (1 = vochtige-ogen … 8 = niet-kunnen-huilen); no row is rung 1. */
export const practiceLevels = pgTable(
	'practice_levels',
	{
		learnerId: text('learner_id')
			.primaryKey()
			.references(() => users.id, { onDelete: 'cascade' }),
		level: integer().notNull().default(1),
		updatedAt: now()
	},
	(t) => [check('practice_levels_level_check', sql`${t.level} between 1 and 8`)]
);
