/**
 * The course as pages use it, built from the files as written (schema.ts): the files of an item, one per
 * language and already checked to share a structure, merge into per-language records; figures are filled
 * in and markdown rendered once; and what pages ask of an item (its reflection prompts, the targets an
 * assignment or a case may point at) is derived here once. The course's types are these functions'
 * results: the transform is the type, so there is no second description to keep in step.
 */
import { fillFigures, placeholdersIn, type Norms } from './figures';
import { BASE_LOCALE, inEach, type L } from './locales';
import { renderMarkdown, type Bibliography } from './markdown';
import type { Test } from './test-pool';
import type { Practice } from './practice';
import {
	type CourseInfo,
	type GlossaryEntry,
	type RawLesson,
	type RawModule,
	type RawQuestion,
	type RawQuiz,
	type RawReflection,
	type RawVignette,
	type Support
} from './schema';

type Raw = RawLesson | RawVignette | RawQuiz | RawReflection;
type Sources = { norms: Norms; bibliography: Bibliography };
type Meta = { id: string; moduleId: string; version: string };

/** A text in every language, with its figures filled in. */
export function fillEach(text: L, norms: Norms): L {
	return inEach((locale) => fillFigures(text[locale], norms, locale));
}

/** Picks one text from each language's file and fills in its figures (`text`), or renders it as well (`html`). */
function pickers<R>(raw: L<R>, { norms, bibliography }: Sources) {
	const fill = (pick: (r: R) => string | undefined) =>
		fillEach(
			inEach((locale) => pick(raw[locale]) ?? ''),
			norms
		);
	return {
		text: (pick: (r: R) => string | undefined): L => fill(pick),
		html: (pick: (r: R) => string | undefined, inline = false): L => {
			const filled = fill(pick);
			return inEach((locale) => renderMarkdown(filled[locale], bibliography, inline));
		}
	};
}
type Pickers<R> = ReturnType<typeof pickers<R>>;

/** A reflection prompt: `key` names the learner's reflection in the database (`reflections.prompt_key`). */
const reflectionPrompt = (key: string, html: L, support: Support | undefined) => ({ key, html, support });
export type ReflectionPrompt = ReturnType<typeof reflectionPrompt>;

function itemBase(meta: Meta, raw: L<Raw>, { norms }: Sources) {
	return {
		...meta,
		minutes: raw[BASE_LOCALE].minutes,
		title: fillEach(
			inEach((locale) => raw[locale].title),
			norms
		)
	};
}

function buildLesson(meta: Meta, raw: L<RawLesson>, sources: Sources, quoted: string[]) {
	const prompts: ReflectionPrompt[] = [];
	return { ...itemBase(meta, raw, sources), type: 'lesson' as const, html: pickers(raw, sources).html((r) => r.body), norms: quoted, prompts };
}

function buildReflection(meta: Meta, raw: L<RawReflection>, sources: Sources) {
	const { support } = raw[BASE_LOCALE];
	const promptHtml = pickers(raw, sources).html((r) => r.prompt);
	return {
		...itemBase(meta, raw, sources),
		type: 'reflection' as const,
		promptHtml,
		reflectionKey: meta.id,
		support,
		prompts: [reflectionPrompt(meta.id, promptHtml, support)]
	};
}

function buildStep(itemId: string, step: RawVignette['steps'][number], i: number, { text, html }: Pickers<RawVignette>) {
	const at = (r: RawVignette) => r.steps[i];
	return {
		id: step.id,
		html: html((r) => at(r)?.text),
		end: step.end === true,
		reflection: step.reflection
			? reflectionPrompt(
					`${itemId}/${step.id}`,
					html((r) => at(r)?.reflection?.prompt),
					step.reflection.support
				)
			: undefined,
		choices: (step.choices ?? []).map((c, j) => ({
			id: c.id,
			next: c.next,
			text: text((r) => at(r)?.choices?.[j]?.text),
			feedbackHtml: html((r) => at(r)?.choices?.[j]?.feedback)
		}))
	};
}
export type Step = ReturnType<typeof buildStep>;

function buildVignette(meta: Meta, raw: L<RawVignette>, sources: Sources, quoted: string[]) {
	const p = pickers(raw, sources);
	const first = raw[BASE_LOCALE];
	const steps: Record<string, Step> = Object.fromEntries(first.steps.map((step, i) => [step.id, buildStep(meta.id, step, i, p)]));
	const prompts = Object.values(steps).flatMap((s) => (s.reflection ? [s.reflection] : []));
	return { ...itemBase(meta, raw, sources), type: 'vignette' as const, setting: p.text((r) => r.setting), start: first.start, steps, norms: quoted, prompts };
}

function buildQuestion(itemId: string, q: RawQuestion, i: number, { text, html }: Pickers<RawQuiz>) {
	const at = (r: RawQuiz) => r.questions[i] as RawQuestion;
	const common = {
		id: q.id,
		promptHtml: html((r) => {
			const x = at(r);
			return x.kind === 'attitude' ? x.statement : x.prompt;
		}, true),
		...(q.feedback ? { feedbackHtml: html((r) => at(r).feedback) } : {})
	};
	switch (q.kind) {
		case 'single':
		case 'multiple':
			return {
				...common,
				kind: q.kind,
				options: q.options.map((o, j) => ({
					id: o.id,
					correct: o.correct === true,
					text: text((r) => (at(r) as typeof q).options[j]?.text)
				}))
			};
		case 'estimate':
			return { ...common, kind: q.kind, norm: q.norm, min: q.min, max: q.max };
		case 'attitude':
			return { ...common, kind: q.kind, norm: q.norm };
		case 'scale':
			return {
				...common,
				kind: q.kind,
				min: q.min,
				max: q.max,
				compare: q.compare,
				minLabel: text((r) => (at(r) as typeof q).minLabel),
				maxLabel: text((r) => (at(r) as typeof q).maxLabel)
			};
		case 'reflection':
			return { ...common, kind: q.kind, reflectionKey: `${itemId}/${q.id}`, support: q.support };
	}
}
export type Question = ReturnType<typeof buildQuestion>;

function buildQuiz(meta: Meta, raw: L<RawQuiz>, sources: Sources, quoted: string[]) {
	const p = pickers(raw, sources);
	const questions = raw[BASE_LOCALE].questions.map((q, i) => buildQuestion(meta.id, q, i, p));
	const prompts = questions.flatMap((q) => (q.kind === 'reflection' ? [reflectionPrompt(q.reflectionKey, q.promptHtml, q.support)] : []));
	return { ...itemBase(meta, raw, sources), type: 'quiz' as const, questions, norms: quoted, prompts };
}

export type Lesson = ReturnType<typeof buildLesson>;
export type ReflectionItem = ReturnType<typeof buildReflection>;
export type Vignette = ReturnType<typeof buildVignette>;
export type Quiz = ReturnType<typeof buildQuiz>;
export type Item = Lesson | ReflectionItem | Vignette | Quiz;

type Input = Meta & { raw: L<Raw>; norms: Norms; bibliography: Bibliography; refs: string[] };

export function buildItem({ id, moduleId, version, raw, norms, bibliography, refs }: Input): Item {
	const meta = { id, moduleId, version };
	const sources = { norms, bibliography };
	/** Norms quoted anywhere in the item, so the page can list them with base and source. */
	const quoted = [...new Set([...placeholdersIn(JSON.stringify(raw[BASE_LOCALE])).map((p) => p.id), ...refs])];
	// The files share one structure (load.ts checked it), so every language's file has the base file's type.
	switch (raw[BASE_LOCALE].type) {
		case 'lesson':
			return buildLesson(meta, raw as L<RawLesson>, sources, quoted);
		case 'reflection':
			return buildReflection(meta, raw as L<RawReflection>, sources);
		case 'vignette':
			return buildVignette(meta, raw as L<RawVignette>, sources, quoted);
		case 'quiz':
			return buildQuiz(meta, raw as L<RawQuiz>, sources, quoted);
	}
}

/** A module with its texts filled in; load.ts adds its items in order. */
export function buildModule(raw: RawModule, order: number, norms: Norms) {
	const items: Item[] = [];
	return {
		id: raw.id,
		order,
		minutes: raw.minutes,
		title: fillEach(raw.title, norms),
		summary: fillEach(raw.summary, norms),
		objectives: inEach((locale) => raw.objectives.map((o) => fillFigures(o[locale], norms, locale))),
		/** The CanMEDS roles of each objective, in the order of `objectives`. */
		objectiveRoles: raw.objectives.map((o) => o.roles),
		items
	};
}
export type Module = ReturnType<typeof buildModule>;

/** How an assignment or a group's case names what it points at, as its forms post it: "module:<id>", "quiz:<id>" … */
export function targetKey(type: string, id: string): string {
	return `${type}:${id}`;
}

/** Every module and item as a target: its title, and the items that working on it means. */
function targetsOf(modules: Module[]) {
	const targets = new Map<string, { title: L; items: Item[] }>();
	for (const m of modules) {
		targets.set(targetKey('module', m.id), { title: m.title, items: m.items });
		for (const item of m.items) targets.set(targetKey(item.type, item.id), { title: item.title, items: [item] });
	}
	return targets;
}
export type Target = ReturnType<typeof targetsOf> extends Map<string, infer T> ? T : never;

type CourseParts = Sources & {
	modules: Module[];
	items: Map<string, Item>;
	glossary: GlossaryEntry[];
	info: CourseInfo | null;
	version: string;
	test: Test | null;
	/** content/oefenen/ (practice.ts): the rubric, the drills, the introduction, calibration and self-efficacy. */
	practice: Practice;
};

/** The course; `info` from content/course.yaml where present, its `version` a hash of every content file. */
export function buildCourse({ modules, items, norms, bibliography, glossary, info, version, test, practice }: CourseParts) {
	return {
		/** The final test (content/toets/), or null where the course has none. */
		test,
		practice,
		modules,
		items,
		norms,
		bibliography,
		glossary,
		info: info ? { ...info, version } : { updated: null, authors: null, review: null, version },
		targets: targetsOf(modules)
	};
}
export type Course = ReturnType<typeof buildCourse>;
