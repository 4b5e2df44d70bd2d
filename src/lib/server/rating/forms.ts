/** The rating pages' forms: a score on each of the six skills (fields `skill-<id>`) with a comment; a trainee's reply. */
import { z } from 'zod';
import { PRACTICE_SKILLS } from '../content/schema';
import type { SkillRatings } from '../db/schema';
import { COMMENT_MAX, REPLY_MAX } from './ratings';
import { RESPONSE_MAX } from '../practice/responses';

const loose = z.string().catch('');
const score = z.coerce.number({ error: 'error_rating_scores' }).int('error_rating_scores').min(1, 'error_rating_scores').max(5, 'error_rating_scores');
const scoreFields = Object.fromEntries(PRACTICE_SKILLS.map((s) => [`skill-${s}`, score])) as Record<`skill-${string}`, typeof score>;

/** The six scores out of the parsed fields. */
export function scoresOf(data: Record<string, unknown>): SkillRatings {
	return Object.fromEntries(PRACTICE_SKILLS.map((s) => [s, Number(data[`skill-${s}`])]));
}

export const calibrationSchema = z.object({
	item: z.string({ error: 'error_bad_request' }).regex(/^kalibratie-[a-z0-9-]+$/, 'error_bad_request'),
	...scoreFields
});

export const ratingSchema = z.object({
	...scoreFields,
	comment: loose
		.transform((c) => c.replace(/\r\n/g, '\n').trim())
		.refine((c) => c.length > 0, 'error_rating_comment_empty')
		.refine((c) => c.length <= COMMENT_MAX, 'error_rating_comment_too_long')
});

export const replySchema = z.object({
	rating: z.coerce.number({ error: 'error_bad_request' }).int('error_bad_request').positive('error_bad_request'),
	reply: loose
		.transform((c) => c.replace(/\r\n/g, '\n').trim())
		.refine((c) => c.length > 0, 'error_rating_reply_empty')
		.refine((c) => c.length <= REPLY_MAX, 'error_rating_reply_too_long')
});

/** A handed-in test: a response per drill of the form (`response-<drill id>`) and a value per self-efficacy item (`ze-…`). */
export function testSchema(drillIds: readonly string[], itemIds: readonly string[], scale: { min: number; max: number }) {
	const value = z.coerce
		.number({ error: 'error_rating_test_incomplete' })
		.int('error_rating_test_incomplete')
		.min(scale.min, 'error_rating_test_incomplete')
		.max(scale.max, 'error_rating_test_incomplete');
	const body = loose
		.transform((b) => b.replace(/\r\n/g, '\n').trim())
		.refine((b) => b.length > 0, 'error_rating_test_incomplete')
		.refine((b) => b.length <= RESPONSE_MAX, 'error_practice_too_long');
	return z.object({
		...Object.fromEntries(drillIds.map((id) => [`response-${id}`, body])),
		...Object.fromEntries(itemIds.map((id) => [id, value]))
	});
}
