/** The schemas of the item page's forms: a lesson done, a vignette's choice, a quiz answer, a reflection. */
import { z } from 'zod';
import type { ErrorKey } from '$lib/i18n';
import type { Quiz } from '../content';
import type { ParsedAnswer } from './scoring';
import { writeKeyField } from './write-keys';

/** Text the learning domain checks itself (a step, a choice): left out or not text reads as empty, so the domain refuses it. */
const loose = z.string().catch('');
/** The study clock's field (study-time.ts, parseOpenedAt): text, or nothing. */
const openedAt = z.string().optional().catch(undefined);
/** Left out or empty (an older page or client) is no key; anything else must be a well-formed one (the actions answer error_bad_request). */
const writeKey = z.preprocess((value) => (value === '' ? undefined : value), writeKeyField.optional());

export const completeSchema = z.object({ openedAt });

export const chooseSchema = z.object({ step: loose, choice: loose, openedAt });

/**
 * Built once per quiz (content is immutable in memory): building a zod schema costs far more than parsing with it
 * (about 0.7 ms against 4 µs on this machine), a third of a write's CPU time when it was built per request.
 */
const answerSchemas = new WeakMap<Quiz, ReturnType<typeof buildAnswerSchema>>();

/** The question must be one of this quiz's answerable ones; its answer is checked against it by scoring.parseAnswer. */
export function answerSchema(quiz: Quiz) {
	let schema = answerSchemas.get(quiz);
	if (!schema) answerSchemas.set(quiz, (schema = buildAnswerSchema(quiz)));
	return schema;
}

const buildAnswerSchema = (quiz: Quiz) =>
	z.object({
		question: z
			.string({ error: 'error_unknown_question' })
			.refine((id) => quiz.questions.some((q) => q.id === id && q.kind !== 'reflection'), 'error_unknown_question'),
		writeKey,
		answer: z.array(z.unknown(), { error: 'error_bad_request' }).transform((values) => values.filter((v): v is string => typeof v === 'string')),
		openedAt
	});

export const answerProblems: Record<Extract<ParsedAnswer, { ok: false }>['error'], ErrorKey> = {
	'choose-one': 'error_answer_choose_one',
	'choose-some': 'error_answer_choose_some',
	'number-range': 'error_answer_number_range'
};

/**
 * A reflection's save. `visibility` left out keeps what is stored; anything else not text reads as
 * empty, which no sharing choice is (reflections.parseSharing refuses it). The version is a number as
 * the form posts it; left out, it is 0 (a first save).
 */
export function reflectSchema(keys: string[]) {
	const id = keys.join('\n');
	let schema = reflectSchemas.get(id);
	if (!schema) reflectSchemas.set(id, (schema = buildReflectSchema(keys)));
	return schema;
}

/** By the item's prompt keys (few, fixed by the content), built once each as answerSchema's. */
const reflectSchemas = new Map<string, ReturnType<typeof buildReflectSchema>>();

const buildReflectSchema = (keys: string[]) =>
	z.object({
		key: z.string({ error: 'error_bad_request' }).refine((key) => keys.includes(key), 'error_bad_request'),
		/** The text as typed, with the browser's CRLF line breaks as the textarea counts them. */
		body: loose.transform((body) => body.replace(/\r\n/g, '\n')),
		version: loose.transform(Number).pipe(z.number({ error: 'error_bad_request' }).int('error_bad_request').min(0, 'error_bad_request')),
		writeKey,
		visibility: z.string().optional().catch(''),
		named: z.literal('1').optional().catch(undefined),
		openedAt
	});
