/**
 * A careful estimate of each item's study time from its Dutch text (issue 12), and the rule that
 * refuses stated minutes far below it. The rates are documented for authors in content/README.md;
 * `npm run content:minutes` prints the estimates and, with --write, puts them in the files.
 */
import type { Course, Item, Module, Vignette } from './build';
import { hasOptions } from './questions';

/** Reading to learn in professional Dutch, words a minute: well below silent reading for pleasure (about 240). */
export const READING_WPM = 140;
/** Weighing the choices at a decision point of a vignette, beyond reading them. */
export const DECISION_SECONDS = 60;
/** Answering one quiz question, beyond reading its prompt, options and feedback. */
export const QUESTION_SECONDS = 30;
/** Writing one reflection: a prompt asks for a considered answer, not a line. */
export const REFLECTION_SECONDS = 12 * 60;
/** Stated minutes below this share of the estimate are refused. */
export const MINUTES_FLOOR = 0.75;

/** Words in a text or its HTML: tags and entities are not words, figures and names are. */
export function wordCount(text: string): number {
	const plain = text.replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/gi, ' ');
	// 87,4 and Lam’s and zelf-onthulling are one word each; 't is a word of its own.
	return plain.match(/[\p{L}\p{N}]+(?:['’.,-][\p{L}\p{N}]+)*/gu)?.length ?? 0;
}

const reading = (...texts: string[]) => (texts.reduce((n, t) => n + wordCount(t), 0) / READING_WPM) * 60;

/** The most demanding path through a vignette: its steps' text, at each decision all choices, the mean feedback and the deciding. */
function vignetteSeconds(v: Vignette): number {
	const memo = new Map<string, number>();
	const from = (id: string, seen: Set<string>): number => {
		const step = v.steps[id];
		if (!step || seen.has(id)) return 0;
		const known = memo.get(id);
		if (known !== undefined) return known;
		let own = reading(step.html.nl) + (step.reflection ? reading(step.reflection.html.nl) + REFLECTION_SECONDS : 0);
		if (step.choices.length > 0) {
			const feedback = step.choices.reduce((n, c) => n + reading(c.feedbackHtml.nl), 0) / step.choices.length;
			own += reading(...step.choices.map((c) => c.text.nl)) + feedback + DECISION_SECONDS;
		}
		const next = new Set([...seen, id]);
		const rest = Math.max(0, ...step.choices.map((c) => from(c.next, next)));
		memo.set(id, own + rest);
		return own + rest;
	};
	return from(v.start, new Set());
}

export function estimateSeconds(item: Item): number {
	switch (item.type) {
		case 'lesson':
			return reading(item.html.nl);
		case 'reflection':
			return reading(item.promptHtml.nl) + REFLECTION_SECONDS;
		case 'vignette':
			return vignetteSeconds(item);
		case 'quiz':
			return item.questions.reduce((sum, q) => {
				const texts = [q.promptHtml.nl, q.feedbackHtml?.nl ?? ''];
				if (hasOptions(q)) texts.push(...q.options.map((o) => o.text.nl));
				if (q.kind === 'scale') texts.push(q.minLabel.nl, q.maxLabel.nl);
				return sum + reading(...texts) + (q.kind === 'reflection' ? REFLECTION_SECONDS : QUESTION_SECONDS);
			}, 0);
	}
}

/** Whole minutes, at least one. */
export function estimateMinutes(item: Item): number {
	return Math.max(1, Math.round(estimateSeconds(item) / 60));
}

/** A module's estimate is the sum of its items' (rounded) estimates, so --write makes it the sum of the items' minutes. */
export function moduleEstimate(module: Module): number {
	return module.items.reduce((sum, item) => sum + estimateMinutes(item), 0);
}

/** Where an item or a module is written, for messages that name the file. */
export type FileOf = { item: (item: Item) => string; module: (module: Module) => string };

/** Stated minutes below MINUTES_FLOOR of the estimate, each naming the file and the field. */
export function minutesProblems(course: Course, fileOf: FileOf): string[] {
	const problems: string[] = [];
	const floor = `${Math.round(MINUTES_FLOOR * 100)}%`;
	const advice = 'run `npm run content:minutes` to see the estimates, `-- --write` to use them';
	for (const module of course.modules) {
		for (const item of module.items) {
			const estimate = estimateMinutes(item);
			if (item.minutes < MINUTES_FLOOR * estimate)
				problems.push(`${fileOf.item(item)}: minutes: ${item.minutes} is below ${floor} of the estimated ${estimate}; ${advice}`);
		}
		const estimate = moduleEstimate(module);
		if (module.minutes < MINUTES_FLOOR * estimate)
			problems.push(`${fileOf.module(module)}: minutes: ${module.minutes} is below ${floor} of the estimated ${estimate} (the sum of its items); ${advice}`);
	}
	return problems;
}

/** File names from the content files themselves: `<folder>/<id>.nl.<ext>` and `<folder>/module.yaml`. */
export function fileOfIn(files: Record<string, string>): FileOf {
	const names = Object.keys(files);
	return {
		item: (item) => names.find((f) => f.endsWith(`/${item.id}.nl.md`) || f.endsWith(`/${item.id}.nl.yaml`)) ?? `${item.id}.nl`,
		module: (module) => names.find((f) => new RegExp(`^\\d+-${module.id}/module\\.yaml$`).test(f)) ?? `${module.id}/module.yaml`
	};
}

/** The file's text with its first top-level `minutes: N` line (a lesson's is in its front matter) set to `minutes`. */
export function withMinutes(text: string, minutes: number): string {
	return text.replace(/^minutes:[ \t]*\d+[ \t]*$/m, `minutes: ${minutes}`);
}
