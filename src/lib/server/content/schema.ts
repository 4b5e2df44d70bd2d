/** The shape of every content file, as an educator writes it. Anything else fails with file and field named. */
import { z } from 'zod';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase a-z, 0-9 and -');
const text = z.string().trim().min(1, 'must not be empty');
const localized = z.object({ nl: text, en: text }).strict();
/** Minutes of study time, checked against the careful estimate by content:check (content/minutes.ts). */
const minutes = z.number().int().min(1).max(120);

export const normSchema = z
	.object({
		value: z.number(),
		unit: z.enum(['percent', 'mean', 'count', 'times']),
		base: z.number().int().positive(),
		count: z.number().int().nonnegative().optional(),
		sd: z.number().nonnegative().optional(),
		source: z.string().min(1),
		/** The table or page in the source; in both languages where the source's own words differ. */
		where: z.union([text, localized]),
		label: localized
	})
	.strict();
export const normsFileSchema = z.record(z.string().regex(/^[a-z0-9_]+$/, 'use snake_case ids'), normSchema);

export const referenceSchema = z
	.object({
		authors: z.union([text, z.array(text).min(1)]),
		year: z.union([z.number().int(), text]),
		title: text,
		cite: text.optional()
	})
	.loose();
export const bibliographySchema = z.record(z.string().regex(/^[a-z0-9_]+$/), referenceSchema);

export const moduleSchema = z
	.object({
		id,
		minutes: z.number().int().min(5).max(600),
		title: localized,
		summary: localized,
		objectives: z.array(localized).min(1),
		items: z.array(id).min(1)
	})
	.strict();

export const lessonFrontSchema = z
	.object({ type: z.literal('lesson'), title: text, minutes })
	.strict();

const choiceSchema = z.object({ id, text, feedback: text, next: id }).strict();
const stepSchema = z
	.object({
		id,
		text,
		choices: z.array(choiceSchema).optional(),
		end: z.literal(true).optional(),
		reflection: z.object({ prompt: text }).strict().optional()
	})
	.strict()
	.refine((s) => (s.end ? !s.choices : (s.choices?.length ?? 0) >= 2), {
		message: 'a step has either end: true or at least two choices',
		path: ['choices']
	});

export const vignetteSchema = z
	.object({
		type: z.literal('vignette'),
		title: text,
		setting: text,
		minutes,
		start: id,
		steps: z.array(stepSchema).min(2)
	})
	.strict();

const optionSchema = z.object({ id, text, correct: z.boolean().optional() }).strict();
const questionBase = { id, feedback: text.optional() };
export const questionSchema = z.discriminatedUnion('kind', [
	z.object({ ...questionBase, kind: z.literal('single'), prompt: text, options: z.array(optionSchema).min(2) }).strict(),
	z.object({ ...questionBase, kind: z.literal('multiple'), prompt: text, options: z.array(optionSchema).min(2) }).strict(),
	z
		.object({
			...questionBase,
			kind: z.literal('estimate'),
			prompt: text,
			norm: z.string(),
			min: z.number(),
			max: z.number()
		})
		.strict(),
	z.object({ ...questionBase, kind: z.literal('attitude'), statement: text, norm: z.string() }).strict(),
	z
		.object({
			...questionBase,
			kind: z.literal('scale'),
			prompt: text,
			min: z.number().int(),
			max: z.number().int(),
			minLabel: text,
			maxLabel: text,
			compare: z.array(z.string()).min(1)
		})
		.strict(),
	z.object({ ...questionBase, kind: z.literal('reflection'), prompt: text }).strict()
]);

export const quizSchema = z
	.object({ type: z.literal('quiz'), title: text, minutes, questions: z.array(questionSchema).min(1) })
	.strict();

export const reflectionItemSchema = z
	.object({ type: z.literal('reflection'), title: text, minutes, prompt: text })
	.strict();

export type Norm = z.infer<typeof normSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type RawModule = z.infer<typeof moduleSchema>;
export type RawVignette = z.infer<typeof vignetteSchema>;
export type RawQuiz = z.infer<typeof quizSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;
export type RawReflection = z.infer<typeof reflectionItemSchema>;
export type RawLesson = z.infer<typeof lessonFrontSchema> & { body: string };
