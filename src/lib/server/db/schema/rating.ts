/**
 * Rated practice (issue 16): a rater's blinded rating of a shared drill response (with the trainee's one reply),
 * and a rater's scores on the calibration set. A learner's deletion takes their responses and the ratings of
 * them (cascade through drill_responses); a rater's deletion keeps their ratings, anonymised (rater set null).
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';
import { drillResponses, type SkillRatings } from './practice';

/** One rater's scores (1..5 on all six rubric skills) and comment on one response; the trainee may reply once. */
export const responseRatings = pgTable(
	'response_ratings',
	{
		id: serial().primaryKey(),
		responseId: integer('response_id')
			.notNull()
			.references(() => drillResponses.id, { onDelete: 'cascade' }),
		raterId: text('rater_id').references(() => users.id, { onDelete: 'set null' }),
		scores: jsonb().$type<SkillRatings>().notNull(),
		comment: text().notNull(),
		/** Whether the rater had completed a calibration round when rating; uncalibrated ratings stay out of the agreement. */
		calibrated: boolean().notNull(),
		ratedAt: now(),
		reply: text(),
		repliedAt: timestamp('replied_at', { withTimezone: true })
	},
	(t) => [
		unique('response_ratings_response_rater_unique').on(t.responseId, t.raterId),
		index('response_ratings_rater_idx').on(t.raterId),
		check('response_ratings_reply_check', sql`(${t.reply} is null) = (${t.repliedAt} is null)`)
	]
);
export type ResponseRating = typeof responseRatings.$inferSelect;

/** A rater's scores on one calibration item in one round (round 1 is the first calibration, 2 a re-calibration, …). */
export const calibrationScores = pgTable(
	'calibration_scores',
	{
		raterId: text('rater_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		round: integer().notNull(),
		itemId: text('item_id').notNull(),
		scores: jsonb().$type<SkillRatings>().notNull(),
		ratedAt: now()
	},
	(t) => [primaryKey({ columns: [t.raterId, t.round, t.itemId] }), check('calibration_scores_round_check', sql`${t.round} >= 1`)]
);

/** The three performance tests; their drills come from one parallel form each (a, b, c), rotated per learner. */
export const TEST_PHASES = ['pre', 'post', 'retention'] as const;
export type TestPhase = (typeof TEST_PHASES)[number];
export const TEST_FORMS = ['a', 'b', 'c'] as const;
export type TestForm = (typeof TEST_FORMS)[number];

/** A learner's performance test at one phase: its form, when handed in, and when the retention reminder was mailed. */
export const performanceTests = pgTable(
	'performance_tests',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		phase: text({ enum: TEST_PHASES }).notNull(),
		form: text({ enum: TEST_FORMS }).notNull(),
		startedAt: now(),
		completedAt: timestamp('completed_at', { withTimezone: true }),
		remindedAt: timestamp('reminded_at', { withTimezone: true })
	},
	(t) => [
		primaryKey({ columns: [t.learnerId, t.phase] }),
		oneOf('performance_tests_phase_check', t.phase, TEST_PHASES),
		oneOf('performance_tests_form_check', t.form, TEST_FORMS)
	]
);

/** Which drill responses belong to a performance test: kept apart from the response, so a rater never sees the phase. */
export const testResponses = pgTable(
	'test_responses',
	{
		responseId: integer('response_id')
			.primaryKey()
			.references(() => drillResponses.id, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		phase: text({ enum: TEST_PHASES }).notNull()
	},
	(t) => [
		// With the response id, the cohort report reads a cohort's test responses from the index alone (an index-only
		// nested loop; without it PostgreSQL scanned the whole table at 20,000 learners, issue 19).
		index('test_responses_learner_phase_idx').on(t.learnerId, t.phase, t.responseId),
		oneOf('test_responses_phase_check', t.phase, TEST_PHASES)
	]
);

/** A learner's answer to one self-efficacy item at one phase (content/oefenen/zelfvertrouwen). */
export const selfEfficacyAnswers = pgTable(
	'self_efficacy_answers',
	{
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		phase: text({ enum: TEST_PHASES }).notNull(),
		itemId: text('item_id').notNull(),
		value: integer().notNull(),
		answeredAt: now()
	},
	(t) => [primaryKey({ columns: [t.learnerId, t.phase, t.itemId] }), oneOf('self_efficacy_answers_phase_check', t.phase, TEST_PHASES)]
);
