/**
 * Turns the files of content/ into one validated, immutable Course.
 * Input is a map of path (relative to content/) -> file text, so the app (bundled by Vite)
 * and the command line (read from disk) share every rule.
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { fillFigures, formatPart, placeholdersIn, retypedFigures, type Norms } from './figures';
import { BASE_LOCALE, inEach, LOCALES, type L } from './locales';
import { checkVignetteGraph } from './graph';
import { basesClaimedForUnclear, quoteStyleProblems, runOnSentences } from './style';
import { citationsIn, renderMarkdown, type Bibliography } from './markdown';
import {
	bibliographySchema,
	courseInfoSchema,
	glossarySchema,
	lessonFrontSchema,
	moduleSchema,
	normsFileSchema,
	quizSchema,
	reflectionItemSchema,
	vignetteSchema,
	type RawLesson,
	type RawQuiz,
	type RawReflection,
	type RawVignette
} from './schema';
import { answeredByNorm, hasOptions } from './questions';
import { buildCourse, buildItem, buildModule, fillEach, type Course, type Item, type Module } from './build';
import { isTestFile, loadTest } from './test-pool';
import { loadPractice, PRACTICE_FOLDER } from './practice';
import { shapeOf } from './shape';

export class ContentError extends Error {
	constructor(readonly problems: string[]) {
		super(`Course content is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n- ${problems.join('\n- ')}`);
	}
}

type Raw = RawLesson | RawVignette | RawQuiz | RawReflection;
/** The keys of the course's items whose values are prose: the languages may differ there, and nowhere else. */
const PROSE = new Set(['title', 'setting', 'text', 'feedback', 'prompt', 'statement', 'minLabel', 'maxLabel', 'body']);

function issues(file: string, error: z.ZodError): string[] {
	return error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`);
}

function parseFile(file: string, source: string, problems: string[]): Raw | null {
	try {
		if (file.endsWith('.md')) {
			const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
			if (!match) return (problems.push(`${file}: (file): a lesson starts with front matter between --- lines`), null);
			const front = lessonFrontSchema.safeParse(parseYaml(match[1] ?? ''));
			if (!front.success) return (problems.push(...issues(file, front.error)), null);
			if (!(match[2] ?? '').trim()) return (problems.push(`${file}: body: must not be empty`), null);
			return { ...front.data, body: match[2] ?? '' };
		}
		const data: unknown = parseYaml(source);
		const type = (data as { type?: unknown } | null)?.type;
		const schema = type === 'vignette' ? vignetteSchema : type === 'quiz' ? quizSchema : type === 'reflection' ? reflectionItemSchema : null;
		if (!schema) return (problems.push(`${file}: type: must be vignette, quiz or reflection (lessons are .md)`), null);
		const result = schema.safeParse(data);
		return result.success ? result.data : (problems.push(...issues(file, result.error)), null);
	} catch (error) {
		problems.push(`${file}: (file): ${(error as Error).message.split('\n')[0]}`);
		return null;
	}
}

/** Every string in a raw item, with its path, for the figure and reference checks. */
function* strings(value: unknown, path = ''): Generator<[string, string]> {
	if (typeof value === 'string') yield [path, value];
	else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* strings(v, `${path}[${i}]`);
	else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* strings(v, path ? `${path}.${k}` : k);
}

function checkText(file: string, value: unknown, norms: Norms, bibliography: Bibliography, problems: string[]): void {
	for (const [path, text] of strings(value)) {
		if (path === 'type' || path.endsWith('.id') || path === 'id' || path.endsWith('next') || path === 'start' || path.endsWith('norm')) continue;
		const at = `${file}: ${path}:`;
		for (const p of placeholdersIn(text)) {
			if (!norms[p.id]) problems.push(`${at} unknown norm "${p.id}" in {{${p.kind}:${p.id}}}`);
			else if (p.kind === 'base' && norms[p.id]?.base === 'unclear')
				problems.push(`${at} {{base:${p.id}}}: the article leaves the base of "${p.id}" unclear (base: unclear in norms.yaml), so no base may be printed`);
			else if (formatPart(norms, p.kind, p.id, 'nl') === null) problems.push(`${at} norm "${p.id}" has no ${p.kind} for {{${p.kind}:${p.id}}}`);
		}
		for (const key of citationsIn(text)) if (!bibliography[key]) problems.push(`${at} unknown reference [@${key}]`);
		const retyped = retypedFigures(text, norms);
		if (retyped.length) problems.push(`${at} figure typed by hand (${retyped.join(', ')}): use a {{norm:…}} placeholder`);
		checkStyle(at, path, text, norms, problems);
	}
}

/** The prose checks of style.ts, each problem named with file, field and the words that tripped it. */
function checkStyle(at: string, path: string, text: string, norms: Norms, problems: string[]): void {
	for (const excerpt of runOnSentences(text)) problems.push(`${at} “${excerpt}”: a sentence runs on without its full stop`);
	for (const what of quoteStyleProblems(text)) problems.push(`${at} ${what}: quote with curly double quotes “…”`);
	if (/(^|\.)feedback$/.test(path) && /!(?!\[)/.test(text)) problems.push(`${at} "!" in feedback: feedback explains, it does not exclaim`);
	for (const id of new Set(basesClaimedForUnclear(text, norms)))
		problems.push(
			`${at} {{norm:${id}}} is printed with a base, but the article leaves its base unclear: drop “of all …”/“of those who cried”, or say that the base is unclear`
		);
}

function normRefs(raw: Raw): string[] {
	const refs: string[] = [];
	if (raw.type === 'quiz')
		for (const q of raw.questions) {
			if (answeredByNorm(q)) refs.push(q.norm);
			if (q.kind === 'scale') refs.push(...q.compare);
		}
	return refs;
}

function checkNormRefs(file: string, raw: Raw, norms: Norms, problems: string[]): void {
	if (raw.type !== 'quiz') return;
	for (const [i, q] of raw.questions.entries()) {
		const need = (id: string, unit: string | null, field: string) => {
			const norm = norms[id];
			if (!norm) problems.push(`${file}: questions[${i}].${field}: unknown norm "${id}"`);
			else if (unit && norm.unit !== unit) problems.push(`${file}: questions[${i}].${field}: norm "${id}" must be a ${unit}`);
		};
		if (q.kind === 'estimate') {
			need(q.norm, null, 'norm');
			if (q.min >= q.max) problems.push(`${file}: questions[${i}].max: must be above min`);
		}
		if (q.kind === 'attitude') need(q.norm, 'percent', 'norm');
		if (q.kind === 'scale') q.compare.forEach((id, j) => need(id, 'mean', `compare[${j}]`));
		if (hasOptions(q)) {
			const right = q.options.filter((o) => o.correct).length;
			if (q.kind === 'single' ? right !== 1 : right < 1)
				problems.push(`${file}: questions[${i}].options: ${q.kind === 'single' ? 'exactly one' : 'at least one'} option must be correct`);
		}
		const ids = hasOptions(q) ? q.options.map((o) => o.id) : [];
		if (new Set(ids).size !== ids.length) problems.push(`${file}: questions[${i}].options: duplicate option id`);
	}
	const qids = raw.questions.map((q) => q.id);
	if (new Set(qids).size !== qids.length) problems.push(`${file}: questions: duplicate question id`);
}

/**
 * A figure that answers an estimate or an attitude statement must not be printed where the learner can
 * read it before answering. A quiz shows every question's prompt, options and statement at once and lets
 * them be answered in any order, so those may not quote it anywhere in the quiz (the question's own
 * included). A base ({{base:…}}) says how many were asked, not the answer. Feedback appears once its own
 * question is answered, so it may quote that question's figure, but not the figure of a question that
 * comes after it: a learner working down the quiz would read the answer first.
 */
function checkGivenAway(file: string, raw: Raw, problems: string[]): void {
	if (raw.type !== 'quiz') return;
	for (const [i, q] of raw.questions.entries()) {
		if (q.kind !== 'estimate' && q.kind !== 'attitude') continue;
		// Two questions answered by one figure: answering the first reveals the second's answer.
		const twin = raw.questions.findIndex((o, j) => j > i && (o.kind === 'estimate' || o.kind === 'attitude') && o.norm === q.norm);
		if (twin >= 0) problems.push(`${file}: questions[${twin}].norm: "${q.norm}" also answers questions[${i}] ("${q.id}"); answering one reveals the other`);
		for (const [j, other] of raw.questions.entries()) {
			const seen: [string, unknown][] = [
				['prompt', 'prompt' in other ? other.prompt : undefined],
				['statement', 'statement' in other ? other.statement : undefined],
				...('options' in other ? other.options.map((o, k): [string, unknown] => [`options[${k}].text`, o.text]) : [])
			];
			for (const [field, text] of seen) {
				if (typeof text !== 'string') continue;
				if (placeholdersIn(text).some((p) => p.id === q.norm && p.kind !== 'base'))
					problems.push(
						`${file}: questions[${j}].${field}: {{norm:${q.norm}}} gives away the answer to questions[${i}] ("${q.id}") before the learner has answered it`
					);
			}
		}
		for (const [j, earlier] of raw.questions.slice(0, i).entries()) {
			const given = 'feedback' in earlier && typeof earlier.feedback === 'string' ? placeholdersIn(earlier.feedback) : [];
			if (given.some((p) => p.id === q.norm && p.kind !== 'base'))
				problems.push(`${file}: questions[${j}].feedback: {{norm:${q.norm}}} gives away the answer to the later questions[${i}] ("${q.id}")`);
		}
	}
}

function versionOf(sources: string[]): string {
	const hash = createHash('sha256');
	for (const s of sources) hash.update(s).update('\0');
	return hash.digest('hex').slice(0, 12);
}

export function loadCourse(files: Record<string, string>): Course {
	const problems: string[] = [];
	const yamlFile = <T>(name: string, schema: z.ZodType<T>): T | null => {
		const source = files[name];
		if (source === undefined) return (problems.push(`${name}: (file): missing`), null);
		try {
			const result = schema.safeParse(parseYaml(source));
			return result.success ? result.data : (problems.push(...issues(name, result.error)), null);
		} catch (error) {
			return (problems.push(`${name}: (file): ${(error as Error).message.split('\n')[0]}`), null);
		}
	};
	const bibliography = yamlFile('bibliography.yaml', bibliographySchema) ?? {};
	const norms = yamlFile('norms.yaml', normsFileSchema) ?? {};
	for (const [id, n] of Object.entries(norms)) {
		if (!bibliography[n.source]) problems.push(`norms.yaml: ${id}.source: unknown reference "${n.source}"`);
		for (const [path, text] of strings({ label: n.label, note: n.note })) checkStyle(`norms.yaml: ${id}.${path}:`, path, text, norms, problems);
	}
	for (const [key, ref] of Object.entries(bibliography)) {
		if (ref.citedIn && !bibliography[ref.citedIn]) problems.push(`bibliography.yaml: ${key}.citedIn: unknown reference "${ref.citedIn}"`);
		for (const [path, text] of strings({ note: ref.note })) checkStyle(`bibliography.yaml: ${key}.${path}:`, path, text, norms, problems);
	}
	// The glossary and the course's own description are optional files, but validated when present.
	const rawGlossary = 'glossary.yaml' in files ? (yamlFile('glossary.yaml', glossarySchema) ?? []) : [];
	for (const [i, entry] of rawGlossary.entries()) {
		checkText('glossary.yaml', { [`[${i}]`]: { term: entry.term, definition: entry.definition } }, norms, bibliography, problems);
		for (const key of entry.sources ?? []) if (!bibliography[key]) problems.push(`glossary.yaml: [${i}].sources: unknown reference "${key}"`);
	}
	const info = 'course.yaml' in files ? yamlFile('course.yaml', courseInfoSchema) : null;
	const glossary = problems.length ? [] : rawGlossary.map((e) => ({ ...e, term: fillEach(e.term, norms), definition: fillEach(e.definition, norms) }));

	const folders = [
		...new Set(
			Object.keys(files)
				.filter((f) => f.includes('/') && !isTestFile(f))
				.map((f) => f.split('/')[0] ?? '')
				.filter((f) => f !== PRACTICE_FOLDER)
		)
	].sort();
	const modules: Module[] = [];
	const items = new Map<string, Item>();
	for (const folder of folders) {
		const match = /^(\d+)-([a-z0-9-]+)$/.exec(folder);
		if (!match) {
			problems.push(`${folder}/: (folder): a module folder is named NN-slug`);
			continue;
		}
		const raw = yamlFile(`${folder}/module.yaml`, moduleSchema);
		if (!raw) continue;
		if (raw.id !== match[2]) problems.push(`${folder}/module.yaml: id: must be "${match[2]}", the folder name without its number`);
		checkText(`${folder}/module.yaml`, { title: raw.title, summary: raw.summary, objectives: raw.objectives }, norms, bibliography, problems);
		const module: Module = buildModule(raw, Number(match[1]), norms);
		for (const [index, itemId] of raw.items.entries()) {
			const names = inEach((l) => [`${folder}/${itemId}.${l}.md`, `${folder}/${itemId}.${l}.yaml`].find((f) => f in files));
			if (LOCALES.some((l) => !names[l])) {
				problems.push(`${folder}/module.yaml: items[${index}]: "${itemId}" needs ${LOCALES.map((l) => `${itemId}.${l}`).join(' and ')} files (.md or .yaml)`);
				continue;
			}
			const fileOf = names as L<string>;
			if (items.has(itemId)) {
				problems.push(`${folder}/module.yaml: items[${index}]: item id "${itemId}" is used twice in the course`);
				continue;
			}
			const parsed = inEach((l) => parseFile(fileOf[l], files[fileOf[l]] ?? '', problems));
			if (LOCALES.some((l) => !parsed[l])) continue;
			const raws = parsed as L<Raw>;
			const differs = LOCALES.filter((l) => shapeOf(raws[l], PROSE) !== shapeOf(raws[BASE_LOCALE], PROSE));
			for (const l of differs)
				problems.push(`${fileOf[l]}: (file): structure differs from ${fileOf[BASE_LOCALE]} (ids, next, correct, norms or minutes must match)`);
			if (differs.length) continue;
			for (const [file, r] of LOCALES.map((l) => [fileOf[l], raws[l]] as const)) {
				checkText(file, r, norms, bibliography, problems);
				checkNormRefs(file, r, norms, problems);
				checkGivenAway(file, r, problems);
				if (r.type === 'vignette') problems.push(...checkVignetteGraph(r).map((p) => `${file}: ${p}`));
			}
			const version = versionOf(LOCALES.map((l) => files[fileOf[l]] ?? ''));
			const item = buildItem({ id: itemId, moduleId: raw.id, version, raw: raws, norms, bibliography, refs: normRefs(raws[BASE_LOCALE]) });
			items.set(itemId, item);
			module.items.push(item);
		}
		modules.push(module);
	}
	const moduleIds = modules.map((m) => m.id);
	if (new Set(moduleIds).size !== moduleIds.length) problems.push('(course): two module folders share an id');
	if (modules.length === 0) problems.push('(course): no module folders found');
	const check = (file: string, value: unknown) => checkText(file, value, norms, bibliography, problems);
	const test = problems.length ? null : loadTest(files, modules, new Set(items.keys()), { norms, bibliography }, check, problems);
	const practice = loadPractice({
		files,
		norms,
		bibliography,
		problems,
		checkText: (file, value) => checkText(file, value, norms, bibliography, problems),
		vignetteSteps: (id) => {
			const item = items.get(id);
			return item?.type === 'vignette' ? item.steps : undefined;
		},
		itemIds: new Set(items.keys()),
		versionOf
	});
	if (problems.length) throw new ContentError(problems);
	const version = versionOf(
		Object.keys(files)
			.sort()
			.map((f) => `${f}\n${files[f]}`)
	);
	return buildCourse({ modules, items, norms, bibliography, glossary, info, version, test, practice });
}

export { fillFigures, renderMarkdown };
