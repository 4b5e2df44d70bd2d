/**
 * Deliberate practice (issue 15): content/oefenen/ — the rubric, the drills, the introduction (a lesson-format
 * markdown file), the calibration set and the self-efficacy items — read, validated and built like a module's
 * items: one file per language with the same structure, figures through the norms, citations through the
 * bibliography, every problem named with file and field. The area may be empty (no folder at all).
 */
import { parse as parseYaml } from 'yaml';
import type { z } from 'zod';
import { fillFigures, type Norms } from './figures';
import { BASE_LOCALE, inEach, LOCALES, type L } from './locales';
import { renderMarkdown, type Bibliography } from './markdown';
import { shapeOf } from './shape';
import {
	calibrationSchema,
	drillSchema,
	lessonFrontSchema,
	PRACTICE_RUNGS,
	PRACTICE_SKILLS,
	rubricSchema,
	selfEfficacySchema,
	type PracticeSkill,
	type RawCalibration,
	type RawDrill,
	type RawRubric,
	type RawSelfEfficacy
} from './schema';

export const PRACTICE_FOLDER = 'oefenen';
/** The real course's ladder: at least this many practice drills on every rung (a course-level check, content-check.ts). */
export const DRILLS_PER_RUNG = 4;
/** The calibration set's size (issue 16), spread over the scale. */
export const CALIBRATION_MIN = 8;

/** Keys whose values are prose: Dutch and English may differ there, and nowhere else. */
const PROSE = new Set([
	'title',
	'intro',
	'name',
	'description',
	'label',
	'text',
	'example',
	'context',
	'moment',
	'note',
	'why',
	'response',
	'body',
	'minLabel',
	'maxLabel'
]);
const PROSE_MAPS = new Set(['why']);
const ENUM_KEYS = new Set(['type', 'rung', 'whose', 'pool', 'form', 'vignette', 'step', 'orientation', 'pitfall', 'drill', 'about', 'id']);

/** Only the prose of a file, for the figure, citation and style checks (ids and enums are not sentences). */
function prose(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(prose);
	if (value && typeof value === 'object')
		return Object.fromEntries(
			Object.entries(value)
				.filter(([k]) => !ENUM_KEYS.has(k) && k !== 'ratings' && k !== 'sources')
				.map(([k, v]) => [k, prose(v)])
		);
	return typeof value === 'string' ? value : undefined;
}

export type PracticeContext = {
	files: Record<string, string>;
	norms: Norms;
	bibliography: Bibliography;
	problems: string[];
	/** The figure, citation and style checks of load.ts, on one file's prose. */
	checkText: (file: string, value: unknown) => void;
	/** A vignette's steps and their choices, to check a drill's `vignette`/`step`; undefined when there is no such vignette. */
	vignetteSteps: (id: string) => Record<string, { choices: unknown[] }> | undefined;
	/** Ids used by the modules' items: a drill's id must not be one. */
	itemIds: Set<string>;
	versionOf: (sources: string[]) => string;
};

type Pair<T> = { files: L<string>; raw: L<T>; version: string };

/** Reads `<base>.<locale>.<ext>` in every language, parses it with `parse`, and checks that the structures agree. */
function readPair<T>(ctx: PracticeContext, base: string, ext: 'yaml' | 'md', parse: (file: string, source: string) => T | null): Pair<T> | null {
	const files = inEach((l) => `${base}.${l}.${ext}`);
	const missing = LOCALES.filter((l) => !(files[l] in ctx.files));
	if (missing.length) return (ctx.problems.push(`${files[BASE_LOCALE]}: (file): needs ${LOCALES.map((l) => files[l]).join(' and ')}`), null);
	const parsed = inEach((l) => parse(files[l], ctx.files[files[l]] ?? ''));
	if (LOCALES.some((l) => parsed[l] === null)) return null;
	const raw = parsed as L<T>;
	const differs = LOCALES.filter((l) => shapeOf(raw[l], PROSE, PROSE_MAPS) !== shapeOf(raw[BASE_LOCALE], PROSE, PROSE_MAPS));
	for (const l of differs) ctx.problems.push(`${files[l]}: (file): structure differs from ${files[BASE_LOCALE]} (ids, enums, numbers and lists must match)`);
	if (differs.length) return null;
	for (const l of LOCALES) ctx.checkText(files[l], prose(raw[l]));
	return { files, raw, version: ctx.versionOf(LOCALES.map((l) => ctx.files[files[l]] ?? '')) };
}

function yamlParser<T>(ctx: PracticeContext, schema: z.ZodType<T>) {
	return (file: string, source: string): T | null => {
		try {
			const result = schema.safeParse(parseYaml(source));
			if (result.success) return result.data;
			ctx.problems.push(...result.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`));
		} catch (error) {
			ctx.problems.push(`${file}: (file): ${(error as Error).message.split('\n')[0]}`);
		}
		return null;
	};
}

function lessonParser(ctx: PracticeContext) {
	return (file: string, source: string) => {
		const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(source);
		if (!match) return (ctx.problems.push(`${file}: (file): a lesson starts with front matter between --- lines`), null);
		const front = lessonFrontSchema.safeParse(parseYaml(match[1] ?? ''));
		if (!front.success) return (ctx.problems.push(...front.error.issues.map((i) => `${file}: ${i.path.join('.') || '(file)'}: ${i.message}`)), null);
		if (!(match[2] ?? '').trim()) return (ctx.problems.push(`${file}: body: must not be empty`), null);
		return { ...front.data, body: match[2] ?? '' };
	};
}

/** The distinct `<folder>/<id>` bases of the files in `folder` whose names start with `prefix`. */
function basesIn(files: Record<string, string>, folder: string, prefix: string): string[] {
	const pattern = new RegExp(`^${folder}/(${prefix}[a-z0-9-]*)\\.[a-z]{2}\\.yaml$`);
	return [...new Set(Object.keys(files).flatMap((f) => pattern.exec(f)?.[1] ?? []))].sort().map((id) => `${folder}/${id}`);
}

function builders(ctx: PracticeContext) {
	const text = (pick: L): L => inEach((l) => fillFigures(pick[l], ctx.norms, l));
	const html = (pick: L, inline = false): L => inEach((l) => renderMarkdown(fillFigures(pick[l], ctx.norms, l), ctx.bibliography, inline));
	return { text, html };
}

function buildRubric(ctx: PracticeContext, { raw }: Pair<RawRubric>) {
	const { text, html } = builders(ctx);
	const base = raw[BASE_LOCALE];
	return {
		title: text(inEach((l) => raw[l].title)),
		introHtml: html(inEach((l) => raw[l].intro)),
		skills: base.skills.map((s, i) => ({
			id: s.id as PracticeSkill,
			name: text(inEach((l) => raw[l].skills[i]?.name ?? '')),
			description: text(inEach((l) => raw[l].skills[i]?.description ?? '')),
			anchors: s.anchors.map((a, j) => ({
				score: j + 1,
				label: text(inEach((l) => raw[l].skills[i]?.anchors[j]?.label ?? '')),
				text: text(inEach((l) => raw[l].skills[i]?.anchors[j]?.text ?? '')),
				example: a.example ? text(inEach((l) => raw[l].skills[i]?.anchors[j]?.example ?? '')) : null
			}))
		}))
	};
}
export type Rubric = ReturnType<typeof buildRubric>;

function buildDrill(ctx: PracticeContext, id: string, { raw, version }: Pair<RawDrill>) {
	const { text, html } = builders(ctx);
	const d = raw[BASE_LOCALE];
	return {
		id,
		version,
		title: text(inEach((l) => raw[l].title)),
		rung: d.rung,
		/** The rung's place on the ladder, 1 (easiest) to 8. */
		level: PRACTICE_RUNGS.indexOf(d.rung) + 1,
		whose: d.whose,
		skills: d.skills,
		pool: d.pool,
		form: d.form ?? null,
		vignette: d.vignette && d.step ? { id: d.vignette, step: d.step } : null,
		contextHtml: html(inEach((l) => raw[l].context)),
		momentHtml: html(inEach((l) => raw[l].moment)),
		models: d.models.map((m, i) => ({
			orientation: m.orientation,
			text: text(inEach((l) => raw[l].models[i]?.text ?? '')),
			noteHtml: html(
				inEach((l) => raw[l].models[i]?.note ?? ''),
				true
			)
		})),
		contrast: {
			pitfall: d.contrast.pitfall,
			text: text(inEach((l) => raw[l].contrast.text)),
			whyHtml: html(inEach((l) => raw[l].contrast.why))
		},
		sources: d.sources ?? []
	};
}
export type Drill = ReturnType<typeof buildDrill>;

function buildCalibration(ctx: PracticeContext, id: string, { raw }: Pair<RawCalibration>) {
	const { text } = builders(ctx);
	const c = raw[BASE_LOCALE];
	return {
		id,
		drill: c.drill,
		response: text(inEach((l) => raw[l].response)),
		ratings: c.ratings,
		why: Object.fromEntries(PRACTICE_SKILLS.map((s) => [s, text(inEach((l) => raw[l].why[s]))])) as Record<PracticeSkill, L>
	};
}
export type Calibration = ReturnType<typeof buildCalibration>;

function buildSelfEfficacy(ctx: PracticeContext, { raw }: Pair<RawSelfEfficacy>) {
	const { text } = builders(ctx);
	const s = raw[BASE_LOCALE];
	return {
		title: text(inEach((l) => raw[l].title)),
		intro: text(inEach((l) => raw[l].intro)),
		scale: { min: s.scale.min, max: s.scale.max, minLabel: text(inEach((l) => raw[l].scale.minLabel)), maxLabel: text(inEach((l) => raw[l].scale.maxLabel)) },
		items: s.items.map((item, i) => ({ id: item.id, about: item.about, text: text(inEach((l) => raw[l].items[i]?.text ?? '')) }))
	};
}
export type SelfEfficacy = ReturnType<typeof buildSelfEfficacy>;

/** Everything under content/oefenen/, validated against itself and the course's vignettes. */
export function loadPractice(ctx: PracticeContext) {
	const { files, problems } = ctx;
	const folder = PRACTICE_FOLDER;
	const present = Object.keys(files).some((f) => f.startsWith(`${folder}/`));
	const empty = { rubric: null, intro: null, drills: [] as Drill[], calibration: [] as Calibration[], selfEfficacy: null };
	if (!present) return empty;

	const rubricPair = readPair(ctx, `${folder}/rubric`, 'yaml', yamlParser(ctx, rubricSchema));
	const introPair = readPair(ctx, `${folder}/over-oefenen`, 'md', lessonParser(ctx));
	const drills: Drill[] = [];
	for (const base of basesIn(files, folder, 'oefening-')) {
		const id = base.slice(folder.length + 1);
		const pair = readPair(ctx, base, 'yaml', yamlParser(ctx, drillSchema));
		if (!pair) continue;
		const d = pair.raw[BASE_LOCALE];
		const file = pair.files[BASE_LOCALE];
		if (ctx.itemIds.has(id)) problems.push(`${file}: (file): the id "${id}" is already an item's id in a module`);
		for (const key of d.sources ?? []) if (!ctx.bibliography[key]) problems.push(`${file}: sources: unknown reference "${key}"`);
		if (d.vignette && d.step) {
			const steps = ctx.vignetteSteps(d.vignette);
			if (!steps) problems.push(`${file}: vignette: no vignette "${d.vignette}" in the modules`);
			else if (!steps[d.step]) problems.push(`${file}: step: vignette "${d.vignette}" has no step "${d.step}"`);
			else if (!steps[d.step]?.choices.length) problems.push(`${file}: step: step "${d.step}" of "${d.vignette}" has no choices to continue with`);
		}
		drills.push(buildDrill(ctx, id, pair));
	}
	const calibration: Calibration[] = [];
	for (const base of basesIn(files, `${folder}/kalibratie`, 'kalibratie-')) {
		const pair = readPair(ctx, base, 'yaml', yamlParser(ctx, calibrationSchema));
		if (!pair) continue;
		const c = pair.raw[BASE_LOCALE];
		const drill = drills.find((d) => d.id === c.drill);
		if (!drill) problems.push(`${pair.files[BASE_LOCALE]}: drill: no drill "${c.drill}" in ${folder}/`);
		else if (drill.pool !== 'assessment') problems.push(`${pair.files[BASE_LOCALE]}: drill: "${c.drill}" is not an assessment drill (pool: assessment)`);
		calibration.push(buildCalibration(ctx, base.split('/').pop() ?? base, pair));
	}
	const selfPair =
		`${folder}/zelfvertrouwen.${BASE_LOCALE}.yaml` in files ? readPair(ctx, `${folder}/zelfvertrouwen`, 'yaml', yamlParser(ctx, selfEfficacySchema)) : null;
	const known = new RegExp(`^${folder}/(rubric|over-oefenen|zelfvertrouwen|oefening-[a-z0-9-]*|kalibratie/kalibratie-[a-z0-9-]*)\\.[a-z]{2}\\.(yaml|md)$`);
	for (const f of Object.keys(files).filter((f) => f.startsWith(`${folder}/`) && !known.test(f)))
		problems.push(`${f}: (file): not a practice file (rubric, over-oefenen, zelfvertrouwen, oefening-…, kalibratie/kalibratie-…)`);
	if (drills.length && !rubricPair) problems.push(`${folder}/rubric.${BASE_LOCALE}.yaml: (file): drills need the rubric`);

	const { text, html } = builders(ctx);
	const intro = introPair
		? {
				title: text(inEach((l) => introPair.raw[l].title)),
				minutes: introPair.raw[BASE_LOCALE].minutes,
				html: html(inEach((l) => introPair.raw[l].body))
			}
		: null;
	return {
		rubric: rubricPair ? buildRubric(ctx, rubricPair) : null,
		intro,
		drills,
		calibration,
		selfEfficacy: selfPair ? buildSelfEfficacy(ctx, selfPair) : null
	};
}
export type Practice = ReturnType<typeof loadPractice>;

/**
 * The real course's ladder (issue 15): 32 or more practice drills, at least four on every rung. A rule for the
 * course as published, so content:check (and with it CI) runs it, not every load: test fixtures stay small.
 */
export function ladderProblems(practice: Practice): string[] {
	const onRung = (rung: string) => practice.drills.filter((d) => d.pool === 'practice' && d.rung === rung).length;
	const problems = PRACTICE_RUNGS.filter((r) => onRung(r) < DRILLS_PER_RUNG).map(
		(r) => `${PRACTICE_FOLDER}/: rung ${r}: ${onRung(r)} practice drill(s), the ladder needs at least ${DRILLS_PER_RUNG} on every rung`
	);
	// The calibration set (issue 16), once there is one: at least 8 items, each skill rated with at least 3 distinct scores.
	if (practice.calibration.length > 0) {
		if (practice.calibration.length < CALIBRATION_MIN)
			problems.push(`${PRACTICE_FOLDER}/kalibratie/: ${practice.calibration.length} item(s), the calibration set needs at least ${CALIBRATION_MIN}`);
		for (const skill of PRACTICE_SKILLS) {
			const scores = new Set(practice.calibration.map((c) => c.ratings[skill]));
			if (scores.size < 3)
				problems.push(`${PRACTICE_FOLDER}/kalibratie/: ratings.${skill}: uses ${scores.size} distinct score(s) across the set, at least 3 are needed`);
		}
	}
	if (!practice.rubric) problems.push(`${PRACTICE_FOLDER}/rubric.${BASE_LOCALE}.yaml: (file): missing`);
	if (!practice.intro) problems.push(`${PRACTICE_FOLDER}/over-oefenen.${BASE_LOCALE}.md: (file): missing`);
	return problems;
}
