/** The shape of every content file, as an educator writes it. Anything else fails with file and field named. */
import { z } from 'zod';
import { inEach } from './locales';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'use lowercase a-z, 0-9 and -');
const text = z.string().trim().min(1, 'must not be empty');
/**
 * `support: grief` on a prompt where a learner writes about their own loss or grief: the page then shows
 * where to turn (own GP, occupational physician, confidential adviser, own therapy, 113). One flag, one
 * shared component; the text lives in messages/*.json.
 */
const support = z.enum(['grief'], { message: 'support must be grief (or left out)' }).optional();
export type Support = NonNullable<z.infer<typeof support>>;
/** A text written in every language of the course (locales.ts), side by side in one file. */
const inEachLanguage = () => inEach(() => text);
const localized = z.object(inEachLanguage()).strict();
/** Minutes of study time, checked against the careful estimate by content:check (content/minutes.ts). */
const minutes = z.number().int().min(1).max(120);

export const normSchema = z
	.object({
		value: z.number(),
		unit: z.enum(['percent', 'mean', 'count', 'times']),
		/** N the figure is of, or `unclear` where the article does not say (then `note` says so to the learner). */
		base: z.union([z.number().int().positive(), z.literal('unclear')]),
		/** What the learner should know about this figure's base; required when the base is unclear. */
		note: localized.optional(),
		/** The article prints the figure as approximate ("ongeveer 32%"); pages then say "about". */
		about: z.literal(true).optional(),
		count: z.number().int().nonnegative().optional(),
		sd: z.number().nonnegative().optional(),
		source: z.string().min(1),
		/** The table or page in the source; in both languages where the source's own words differ. */
		where: z.union([text, localized]),
		label: localized
	})
	.strict()
	.superRefine((n, ctx) => {
		if (n.base !== 'unclear') return;
		if (!n.note) ctx.addIssue({ code: 'custom', path: ['note'], message: 'a norm with base: unclear needs a note (nl and en) that tells the learner so' });
		if (n.count !== undefined) ctx.addIssue({ code: 'custom', path: ['count'], message: 'a norm with base: unclear cannot have a count' });
	});
export const normsFileSchema = z.record(z.string().regex(/^[a-z0-9_]+$/, 'use snake_case ids'), normSchema);

/** Words that mark an unfinished or guessed reference; a reference is complete or it is not there. */
const PLACEHOLDER_MARK =
	/\b(?:assumed|aangenomen|todo|tbd|fixme|xxx|onbekende?|unknown|placeholder|niet geverifieerd|not verified|unverified|ongeverifieerd)\b/i;
/** In a note, saying that a detail (volume, pages) could not be verified is honest disclosure, not a guess. */
const GUESS_MARK = /\b(?:assumed|aangenomen|todo|tbd|fixme|xxx|placeholder)\b/i;
const NOTE_FIELDS = ['note', 'verified'];
const refText = text.refine(
	(s) => !PLACEHOLDER_MARK.test(s),
	'contains a placeholder marker (assumed, TODO, onbekend …): complete the reference from its source'
);
export const referenceSchema = z
	.object({
		/** Required unless the source itself names no author (`anonymous: true`, e.g. an unsigned web page). */
		authors: z.union([refText, z.array(refText).min(1)]).optional(),
		anonymous: z.literal(true).optional(),
		/** A year of publication; "n.d." only for an undated web page (with its url or medium: web). */
		year: z.union([z.number().int().min(1800).max(2100), z.literal('n.d.')]),
		/** Required unless the work is known only as cited in another source (`citedIn`), as APA's secondary citation. */
		title: refText.optional(),
		/** The key of the source that cites this work, where the work itself could not be identified. */
		citedIn: z
			.string()
			.regex(/^[a-z0-9_]+$/)
			.optional(),
		cite: refText.optional()
	})
	.loose()
	.superRefine((r, ctx) => {
		if (!r.authors && !r.anonymous)
			ctx.addIssue({ code: 'custom', path: ['authors'], message: 'required (or anonymous: true where the source names no author)' });
		if (!r.title && !r.citedIn)
			ctx.addIssue({ code: 'custom', path: ['title'], message: 'required (or citedIn: <key> for a work known only as cited in another source)' });
		if (r.year === 'n.d.' && !(typeof r.url === 'string' || r.medium === 'web'))
			ctx.addIssue({ code: 'custom', path: ['year'], message: '"n.d." is only for an undated web page (give its url or medium: web)' });
		const walk = (value: unknown, path: (string | number)[]): void => {
			const mark = NOTE_FIELDS.includes(String(path[0])) ? GUESS_MARK : PLACEHOLDER_MARK;
			if (typeof value === 'string' && mark.test(value))
				ctx.addIssue({ code: 'custom', path, message: 'contains a placeholder marker (assumed, TODO, onbekend …): complete the reference from its source' });
			else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) walk(v, [...path, k]);
		};
		for (const [k, v] of Object.entries(r)) if (!['authors', 'title', 'cite'].includes(k)) walk(v, [k]);
	});
export const bibliographySchema = z.record(z.string().regex(/^[a-z0-9_]+$/), referenceSchema);

/**
 * The seven CanMEDS roles as the GZ-opleiding names its competence areas (Opleidingsplan GZ-psycholoog):
 * psychologisch handelen, communicatie, samenwerking, kennis en wetenschap, maatschappelijk handelen,
 * organisatie, professionaliteit. Code uses the CanMEDS role names in English.
 */
export const CANMEDS_ROLES = ['expert', 'communicator', 'collaborator', 'scholar', 'health-advocate', 'leader', 'professional'] as const;
export type CanmedsRole = (typeof CANMEDS_ROLES)[number];

const objectiveSchema = z
	.object({
		...inEachLanguage(),
		roles: z
			.array(z.enum(CANMEDS_ROLES, { error: () => `use one of the CanMEDS roles: ${CANMEDS_ROLES.join(', ')}` }))
			.min(1, 'name at least one CanMEDS role')
			.refine((r) => new Set(r).size === r.length, 'a role is listed twice')
	})
	.strict();

export const moduleSchema = z
	.object({
		id,
		minutes: z.number().int().min(5).max(600),
		title: localized,
		summary: localized,
		objectives: z.array(objectiveSchema).min(1),
		items: z.array(id).min(1)
	})
	.strict();

/** content/glossary.yaml: the course's own words, defined once in both languages. */
export const glossarySchema = z
	.array(
		z
			.object({
				id,
				term: localized,
				definition: localized,
				/** Bibliography keys that back the definition, where there are any. */
				sources: z.array(z.string().regex(/^[a-z0-9_]+$/)).optional()
			})
			.strict()
	)
	.min(1)
	.refine((entries) => new Set(entries.map((e) => e.id)).size === entries.length, 'two entries share an id');

/** content/course.yaml: what the About page says about the course as a whole. */
export const courseInfoSchema = z
	.object({
		/** The date the content was last revised; bump it with every published content change. */
		updated: z.iso.date('use a date as YYYY-MM-DD'),
		authors: localized,
		review: localized,
		/** Who the course is for, and what they bring (the accreditation dossier states both). */
		audience: localized.optional(),
		entryLevel: localized.optional()
	})
	.strict();

export const lessonFrontSchema = z.object({ type: z.literal('lesson'), title: text, minutes }).strict();

const choiceSchema = z.object({ id, text, feedback: text, next: id }).strict();
const stepSchema = z
	.object({
		id,
		text,
		choices: z.array(choiceSchema).optional(),
		end: z.literal(true).optional(),
		reflection: z.object({ prompt: text, support }).strict().optional()
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

/**
 * The study's agreement scale for attitude statements (Likert, 1 = disagree … 7 = agree): above the
 * neutral middle counts as agreeing, as the study counted it. Content cannot change it; the built
 * question carries it as its range.
 */
export const ATTITUDE_SCALE = { min: 1, neutral: 4, max: 7 } as const;

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
	z.object({ ...questionBase, kind: z.literal('reflection'), prompt: text, support }).strict()
]);

export const quizSchema = z.object({ type: z.literal('quiz'), title: text, minutes, questions: z.array(questionSchema).min(1) }).strict();

export const reflectionItemSchema = z.object({ type: z.literal('reflection'), title: text, minutes, prompt: text, support }).strict();

export type Norm = z.infer<typeof normSchema>;
export type Reference = z.infer<typeof referenceSchema>;
export type RawModule = z.infer<typeof moduleSchema>;
export type GlossaryEntry = z.infer<typeof glossarySchema>[number];
export type CourseInfo = z.infer<typeof courseInfoSchema>;
export type RawVignette = z.infer<typeof vignetteSchema>;
export type RawQuiz = z.infer<typeof quizSchema>;
export type RawQuestion = z.infer<typeof questionSchema>;
/** The kinds of question, defined once by the union above. */
export type QuestionKind = RawQuestion['kind'];
export type RawReflection = z.infer<typeof reflectionItemSchema>;
export type RawLesson = z.infer<typeof lessonFrontSchema> & { body: string };

/** content/toets/toets.yaml: the final test's length and framing, both languages side by side (issue 17). */
export const testInfoSchema = z
	.object({
		length: z.number().int().min(1).max(100),
		perModule: z.number().int().min(1).max(20),
		title: localized,
		intro: localized
	})
	.strict();

export const TEST_ITEM_KINDS = ['knowledge', 'case', 'figure'] as const;
const testOptionSchema = z.object({ id, text, correct: z.literal(true).optional() }).strict();
/** One item of the final test's pool; `case` only on case items, `norm` only (and always) on figure items. */
const testItemSchema = z
	.object({
		id: id.regex(/^t-/, 'a test item id starts with t-'),
		kind: z.enum(TEST_ITEM_KINDS, { error: () => `kind must be one of ${TEST_ITEM_KINDS.join(', ')}` }),
		objective: z.number().int().min(1),
		case: text.optional(),
		prompt: text,
		options: z.array(testOptionSchema).min(3, 'give 3 to 5 options').max(5, 'give 3 to 5 options'),
		feedback: text,
		norm: z.string().optional()
	})
	.strict()
	.superRefine((item, ctx) => {
		if ((item.kind === 'case') !== (item.case !== undefined))
			ctx.addIssue({ code: 'custom', path: ['case'], message: item.kind === 'case' ? 'a case item needs its case' : 'only a case item has a case' });
		if ((item.kind === 'figure') !== (item.norm !== undefined))
			ctx.addIssue({ code: 'custom', path: ['norm'], message: item.kind === 'figure' ? 'a figure item names its norm' : 'only a figure item names a norm' });
		const right = item.options.filter((o) => o.correct).length;
		if (right !== 1) ctx.addIssue({ code: 'custom', path: ['options'], message: `exactly one option must be correct (found ${right})` });
		const ids = item.options.map((o) => o.id);
		if (new Set(ids).size !== ids.length) ctx.addIssue({ code: 'custom', path: ['options'], message: 'duplicate option id' });
	});
/** content/toets/<module-id>.<lang>.yaml: one module's share of the pool. */
export const testPoolSchema = z
	.object({
		type: z.literal('test-pool'),
		module: id,
		items: z.array(testItemSchema).min(1)
	})
	.strict();

export type RawTestInfo = z.infer<typeof testInfoSchema>;
export type RawTestPool = z.infer<typeof testPoolSchema>;
export type RawTestItem = RawTestPool['items'][number];
/*
 * Deliberate practice (issue 15): content/oefenen/. The rubric's skills, the ladder's rungs and the drills'
 * orientations and pitfalls are closed lists here, so a drill that names anything else fails with file and field.
 */

/** The rubric's skills, in the order the rubric lists them (content/oefenen/rubric.*.yaml must have exactly these). */
export const PRACTICE_SKILLS = ['bij-de-emotie', 'benoemen-en-erkennen', 'client-centraal', 'regie', 'eigen-emotie', 'betekenis'] as const;
export type PracticeSkill = (typeof PRACTICE_SKILLS)[number];
/** The difficulty ladder, easiest first: a rung's level is its place here (1..8). */
export const PRACTICE_RUNGS = [
	'vochtige-ogen',
	'tranen',
	'snikken',
	'excuses',
	'zorgzame-client',
	'theatrale-tranen',
	'eigen-rouw',
	'niet-kunnen-huilen'
] as const;
export type PracticeRung = (typeof PRACTICE_RUNGS)[number];
export const ORIENTATIONS = ['cgt', 'eft', 'psychodynamisch', 'systemisch', 'act'] as const;
export const PITFALLS = ['geruststellen', 'oplossen', 'tissue', 'eigen-verhaal', 'afleiden', 'te-snel-duiden'] as const;

const listOf = (values: readonly string[]) => values.join(', ');
const skillId = z.enum(PRACTICE_SKILLS, { error: () => `use one of the rubric's skills: ${listOf(PRACTICE_SKILLS)}` });

const anchorSchema = z.object({ label: text, text, example: text.optional() }).strict();
export const rubricSchema = z
	.object({
		type: z.literal('rubric'),
		title: text,
		intro: text,
		skills: z
			.array(
				z
					.object({
						id,
						name: text,
						description: text,
						anchors: z
							.array(anchorSchema)
							.length(5, 'exactly five anchors, for scores 1 to 5')
							.superRefine((anchors, ctx) => {
								for (const i of [0, 2, 4])
									if (anchors[i] && !anchors[i].example) ctx.addIssue({ code: 'custom', path: [i, 'example'], message: `required on score ${i + 1}` });
							})
					})
					.strict()
			)
			.superRefine((skills, ctx) => {
				const ids = skills.map((s) => s.id).join(', ');
				if (ids !== PRACTICE_SKILLS.join(', '))
					ctx.addIssue({ code: 'custom', message: `the skills must be exactly ${listOf(PRACTICE_SKILLS)}, in that order` });
			})
	})
	.strict();

export const drillSchema = z
	.object({
		type: z.literal('drill'),
		title: text,
		rung: z.enum(PRACTICE_RUNGS, { error: () => `use one of the rungs: ${listOf(PRACTICE_RUNGS)}` }),
		whose: z.enum(['client', 'therapist'], { error: () => 'use client or therapist' }),
		skills: z
			.array(skillId)
			.min(1, 'name 1 to 3 skills')
			.max(3, 'name 1 to 3 skills')
			.refine((s) => new Set(s).size === s.length, 'a skill is listed twice'),
		pool: z.enum(['practice', 'assessment'], { error: () => 'use practice or assessment' }),
		form: z.enum(['a', 'b', 'c'], { error: () => 'use a, b or c' }).optional(),
		vignette: id.optional(),
		step: id.optional(),
		context: text,
		moment: text,
		models: z
			.array(z.object({ orientation: z.enum(ORIENTATIONS, { error: () => `use one of ${listOf(ORIENTATIONS)}` }), text, note: text }).strict())
			.length(3, 'exactly three model responses')
			.refine((m) => new Set(m.map((x) => x.orientation)).size === m.length, 'the three models need three different orientations'),
		contrast: z.object({ pitfall: z.enum(PITFALLS, { error: () => `use one of ${listOf(PITFALLS)}` }), text, why: text }).strict(),
		sources: z.array(z.string().regex(/^[a-z0-9_]+$/)).optional()
	})
	.strict()
	.superRefine((d, ctx) => {
		if (d.pool === 'assessment' && !d.form) ctx.addIssue({ code: 'custom', path: ['form'], message: 'an assessment drill needs form: a, b or c' });
		if (d.pool === 'practice' && d.form) ctx.addIssue({ code: 'custom', path: ['form'], message: 'only assessment drills have a form' });
		if (!d.vignette !== !d.step) ctx.addIssue({ code: 'custom', path: [d.vignette ? 'step' : 'vignette'], message: 'vignette and step go together' });
	});

const score = z.number().int().min(1, 'a score from 1 to 5').max(5, 'a score from 1 to 5');
export const calibrationSchema = z
	.object({
		type: z.literal('calibration'),
		drill: id,
		response: text,
		ratings: z.object(Object.fromEntries(PRACTICE_SKILLS.map((s) => [s, score])) as Record<PracticeSkill, typeof score>).strict(),
		why: z.object(Object.fromEntries(PRACTICE_SKILLS.map((s) => [s, text])) as Record<PracticeSkill, typeof text>).strict()
	})
	.strict();

export const selfEfficacySchema = z
	.object({
		type: z.literal('self-efficacy'),
		title: text,
		intro: text,
		scale: z.object({ min: z.number().int(), max: z.number().int(), minLabel: text, maxLabel: text }).strict(),
		items: z
			.array(
				z
					.object({
						id: id.regex(/^ze-/, 'self-efficacy item ids start with ze-'),
						about: z.enum(['client', 'own'], { error: () => 'use client or own' }),
						text
					})
					.strict()
			)
			.min(6, '6 to 10 items')
			.max(10, '6 to 10 items')
	})
	.strict();

export type RawRubric = z.infer<typeof rubricSchema>;
export type RawDrill = z.infer<typeof drillSchema>;
export type RawCalibration = z.infer<typeof calibrationSchema>;
export type RawSelfEfficacy = z.infer<typeof selfEfficacySchema>;
