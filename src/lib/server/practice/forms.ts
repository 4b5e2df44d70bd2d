/** The practice pages' forms: a response, the self-rating with how hard it was, and who may read it. */
import { z } from 'zod';
import { DIFFICULTIES, PRACTICE_PLACES } from '../db/schema';
import type { Drill } from '../content';
import { writeKeyField } from '../learning/write-keys';
import { BODY_NOTE_MAX, RESPONSE_MAX } from './responses';

const loose = z.string().catch('');
const writeKey = z.preprocess((value) => (value === '' ? undefined : value), writeKeyField.optional());
const responseId = z.coerce.number({ error: 'error_bad_request' }).int('error_bad_request').positive('error_bad_request');

export const respondSchema = z.object({
	/** The text as typed, with the browser's CRLF line breaks as the textarea counts them. */
	body: loose
		.transform((b) => b.replace(/\r\n/g, '\n'))
		.refine((b) => b.trim().length > 0, 'error_practice_empty')
		.refine((b) => b.length <= RESPONSE_MAX, 'error_practice_too_long'),
	bodyNote: loose.transform((b) => b.replace(/\s+/g, ' ').trim().slice(0, BODY_NOTE_MAX)),
	place: z.enum(PRACTICE_PLACES).catch('practice'),
	writeKey
});

/** Built once per drill: building a zod schema costs far more than parsing with it (see learning/forms.ts). */
const rateSchemas = new WeakMap<Drill, ReturnType<typeof buildRateSchema>>();

/** One 1..5 score per skill the drill targets (fields `skill-<id>`), and the difficulty. */
export function rateSchema(drill: Drill) {
	let schema = rateSchemas.get(drill);
	if (!schema) rateSchemas.set(drill, (schema = buildRateSchema(drill)));
	return schema;
}

const buildRateSchema = (drill: Drill) =>
	z.object({
		response: responseId,
		difficulty: z.enum(DIFFICULTIES, { error: 'error_practice_rating' }),
		...Object.fromEntries(
			drill.skills.map((s) => [
				`skill-${s}`,
				z.coerce.number({ error: 'error_practice_rating' }).int('error_practice_rating').min(1, 'error_practice_rating').max(5, 'error_practice_rating')
			])
		)
	});

export const shareSchema = z.object({ response: responseId, visibility: z.string({ error: 'error_practice_share' }) });
