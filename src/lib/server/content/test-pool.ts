/**
 * The final test (issue 17): content/toets/toets.yaml and one pool file per module and language,
 * validated against the modules (every objective tested, enough items to draw from) and built into
 * per-language records. Without toets.yaml the course has no test (course.test is null).
 */
import { createHash } from 'node:crypto';
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { fillFigures, type Norms } from './figures';
import { shapeOf } from './shape';
import { BASE_LOCALE, inEach, LOCALES, type L } from './locales';
import { renderMarkdown, type Bibliography } from './markdown';
import { testInfoSchema, testPoolSchema, type RawTestInfo, type RawTestItem, type RawTestPool } from './schema';

const FOLDER = 'toets';
export const TEST_INFO_FILE = `${FOLDER}/toets.yaml`;
type ModuleRef = { id: string; objectives: L<string[]> };
type Sources = { norms: Norms; bibliography: Bibliography };
/** load.ts's figure, reference and style checks on every string of a file. */
type CheckText = (file: string, value: unknown) => void;

/** Whether a content path belongs to the test rather than to a module folder. */
export const isTestFile = (path: string) => path.startsWith(`${FOLDER}/`);
const poolFile = (moduleId: string, locale: string) => `${FOLDER}/${moduleId}.${locale}.yaml`;

function parse<T>(file: string, source: string, schema: z.ZodType<T>, problems: string[]): T | null {
	try {
		const result = schema.safeParse(parseYaml(source));
		if (result.success) return result.data;
		problems.push(...result.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`));
	} catch (error) {
		problems.push(`${file}: (file): ${(error as Error).message.split('\n')[0]}`);
	}
	return null;
}

/** The test pool's prose; ids, kinds, objectives, norms, which option is correct and whether there is a case must agree. */
const PROSE = new Set(['case', 'prompt', 'text', 'feedback']);

function checkPool(file: string, pool: RawTestPool, module: ModuleRef, info: RawTestInfo, norms: Norms, problems: string[]): void {
	if (pool.module !== module.id) problems.push(`${file}: module: must be "${module.id}", the file name's module`);
	const objectives = module.objectives[BASE_LOCALE].length;
	for (const [i, item] of pool.items.entries()) {
		if (item.objective > objectives) problems.push(`${file}: items[${i}].objective: module "${module.id}" has ${objectives} objectives`);
		if (item.norm !== undefined && !norms[item.norm]) problems.push(`${file}: items[${i}].norm: unknown norm "${item.norm}"`);
	}
	if (pool.items.length < info.perModule)
		problems.push(`${file}: items: ${pool.items.length} items, but an attempt draws perModule: ${info.perModule} from each module`);
	const tested = new Set(pool.items.map((i) => i.objective));
	for (let n = 1; n <= objectives; n++) if (!tested.has(n)) problems.push(`${file}: items: no item tests objective ${n} of module "${module.id}"`);
}

function buildItem(moduleId: string, raw: L<RawTestItem>, { norms, bibliography }: Sources) {
	const html = (pick: (r: RawTestItem) => string | undefined, inline: boolean): L =>
		inEach((locale) => renderMarkdown(fillFigures(pick(raw[locale]) ?? '', norms, locale), bibliography, inline));
	const base = raw[BASE_LOCALE];
	return {
		id: base.id,
		moduleId,
		kind: base.kind,
		/** 1-based, as in the file: the module objective the item tests. */
		objective: base.objective,
		norm: base.norm ?? null,
		caseHtml: base.case === undefined ? null : html((r) => r.case, false),
		promptHtml: html((r) => r.prompt, true),
		options: base.options.map((o, k) => ({ id: o.id, correct: o.correct === true, html: html((r) => r.options[k]?.text, true) })),
		feedbackHtml: html((r) => r.feedback, false)
	};
}
export type TestItem = ReturnType<typeof buildItem>;

function buildTest(info: RawTestInfo, pools: Map<string, L<RawTestPool>>, sources: Sources, version: string) {
	const byModule = new Map<string, TestItem[]>();
	for (const [moduleId, pool] of pools)
		byModule.set(
			moduleId,
			pool[BASE_LOCALE].items.map((_, i) =>
				buildItem(
					moduleId,
					inEach((l) => pool[l].items[i]!),
					sources
				)
			)
		);
	const items = new Map([...byModule.values()].flat().map((item) => [item.id, item]));
	return {
		length: info.length,
		perModule: info.perModule,
		title: info.title,
		introHtml: inEach((locale) => renderMarkdown(fillFigures(info.intro[locale], sources.norms, locale), sources.bibliography)),
		byModule,
		items,
		/** A hash of the test's files, stored with each attempt. */
		version
	};
}
export type Test = ReturnType<typeof buildTest>;

/**
 * The test, or null when content/ has no toets.yaml. Problems go to `problems` with file and field named;
 * `itemIds` are the course's own item ids, which a test item id must not repeat.
 */
export function loadTest(
	files: Record<string, string>,
	modules: ModuleRef[],
	itemIds: Set<string>,
	sources: Sources,
	checkText: CheckText,
	problems: string[]
): Test | null {
	const testFiles = Object.keys(files).filter(isTestFile).sort();
	if (testFiles.length === 0) return null;
	const infoSource = files[TEST_INFO_FILE];
	if (infoSource === undefined) return (problems.push(`${TEST_INFO_FILE}: (file): missing, but ${FOLDER}/ holds pool files`), null);
	const info = parse(TEST_INFO_FILE, infoSource, testInfoSchema, problems);
	if (!info) return null;
	checkText(TEST_INFO_FILE, { title: info.title, intro: info.intro });
	if (info.length !== info.perModule * modules.length)
		problems.push(`${TEST_INFO_FILE}: length: must be perModule × modules = ${info.perModule} × ${modules.length} = ${info.perModule * modules.length}`);
	const expected = new Set([TEST_INFO_FILE, ...modules.flatMap((m) => LOCALES.map((l) => poolFile(m.id, l)))]);
	for (const file of testFiles) if (!expected.has(file)) problems.push(`${file}: (file): not a pool file of any module (toets/<module-id>.<language>.yaml)`);

	const pools = new Map<string, L<RawTestPool>>();
	const seen = new Map<string, string>();
	for (const module of modules) {
		const names = inEach((l) => poolFile(module.id, l));
		const parsed = inEach((l) => {
			const source = files[names[l]];
			if (source === undefined) return (problems.push(`${names[l]}: (file): missing; every module needs its part of the test pool`), null);
			return parse(names[l], source, testPoolSchema, problems);
		});
		if (LOCALES.some((l) => !parsed[l])) continue;
		const pool = parsed as L<RawTestPool>;
		const differs = LOCALES.filter((l) => shapeOf(pool[l], PROSE) !== shapeOf(pool[BASE_LOCALE], PROSE));
		for (const l of differs)
			problems.push(`${names[l]}: (file): structure differs from ${names[BASE_LOCALE]} (ids, kind, objective, norm, case and correct must match)`);
		if (differs.length) continue;
		for (const l of LOCALES) {
			checkPool(names[l], pool[l], module, info, sources.norms, problems);
			checkText(names[l], { items: pool[l].items.map(({ case: vignette, prompt, options, feedback }) => ({ case: vignette, prompt, options, feedback })) });
		}
		for (const [i, item] of pool[BASE_LOCALE].items.entries()) {
			const at = `${names[BASE_LOCALE]}: items[${i}].id:`;
			if (itemIds.has(item.id)) problems.push(`${at} "${item.id}" is also a course item's id`);
			const other = seen.get(item.id);
			if (other) problems.push(`${at} "${item.id}" is used twice in the test pool (also in ${other})`);
			seen.set(item.id, names[BASE_LOCALE]);
		}
		pools.set(module.id, pool);
	}
	const size = [...pools.values()].reduce((n, p) => n + p[BASE_LOCALE].items.length, 0);
	if (pools.size === modules.length && size < 3 * info.length)
		problems.push(`${FOLDER}/: (folder): the pool holds ${size} items; it needs at least 3 × length = ${3 * info.length} so that a retake can draw new ones`);
	if (problems.length) return null;
	const version = createHash('sha256')
		.update(testFiles.map((f) => `${f}\n${files[f]}`).join('\0'))
		.digest('hex')
		.slice(0, 12);
	return buildTest(info, pools, sources, version);
}
