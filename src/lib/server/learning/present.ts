/**
 * Turns course items and a learner's records into the plain, one-language data a page renders.
 * Only the learner's language is sent to the browser.
 */
import type { Course, Locale, Norms, Question, Quiz, ReflectionPrompt, Vignette } from '../content';
import { formatNorm, formatNumber, formatPart } from '../content/figures';
import { hasOptions, isNumeric, rangeOf } from '../content/questions';
import { shortCitation } from '../content/markdown';
import type { QuizAnswerValue } from '../db/schema';
import { sharingChoice, type SavedReflection } from './reflections';
import type { Attempt } from './vignettes';
import type { QuizAttempt } from './quizzes';
import { agrees, estimateDistance, judge, scoreAttempt } from './scoring';

/**
 * `base` is null where the article leaves it unclear; `baseNote` then says so in the learner's language.
 * `about` marks a figure the article gives as approximate ("ongeveer 32%").
 */
export type NormView = Pick<Norms[string], 'value' | 'unit'> & {
	id: string;
	display: string;
	about: boolean;
	label: string;
	base: string | null;
	baseNote: string | null;
	count?: string;
	sd?: string;
	source: string;
};

export function presentNorm(course: Course, id: string, locale: Locale): NormView | null {
	const n = course.norms[id];
	if (!n) return null;
	const ref = course.bibliography[n.source];
	return {
		id,
		value: n.value,
		unit: n.unit,
		display: formatNorm(n, locale),
		about: n.about === true,
		label: n.label[locale],
		base: n.base === 'unclear' ? null : formatNumber(n.base, locale, 0),
		baseNote: n.note?.[locale] ?? null,
		count: formatPart(course.norms, 'count', id, locale) ?? undefined,
		sd: formatPart(course.norms, 'sd', id, locale) ?? undefined,
		source: `${ref ? shortCitation(ref) : n.source}, ${typeof n.where === 'string' ? n.where : n.where[locale]}`
	};
}

/**
 * A reflection prompt in the learner's language with what they saved. `visibility` is the form's choice:
 * "private", "supervisor" or "group:<id>"; `named` applies to a group share.
 */
export type ReflectionView = Pick<ReflectionPrompt, 'key'> & {
	promptHtml: string;
	support: NonNullable<ReflectionPrompt['support']> | null;
	body: string;
	version: number;
	visibility: string;
	named: boolean;
	savedAt: string | null;
};

export function presentReflection(prompt: ReflectionPrompt, saved: SavedReflection | undefined, locale: Locale): ReflectionView {
	return {
		key: prompt.key,
		support: prompt.support ?? null,
		promptHtml: prompt.html[locale],
		body: saved?.body ?? '',
		version: saved?.version ?? 0,
		visibility: saved ? sharingChoice(saved) : 'private',
		named: saved?.share?.named ?? false,
		savedAt: saved?.updatedAt.toISOString() ?? null
	};
}

export function presentVignette(v: Vignette, attempts: Attempt[], reflections: Map<string, SavedReflection>, locale: Locale) {
	const current = attempts[0];
	const stepView = (id: string) => {
		const s = v.steps[id];
		if (!s) return null;
		return {
			id: s.id,
			html: s.html[locale],
			end: s.end,
			choices: s.choices.map((c) => ({ id: c.id, text: c.text[locale] })),
			reflection: s.reflection ? presentReflection(s.reflection, reflections.get(s.reflection.key), locale) : null
		};
	};
	const pathView = (a: Attempt) =>
		a.path.map((p) => {
			const s = v.steps[p.step];
			const c = s?.choices.find((x) => x.id === p.choice);
			return { step: p.step, stepHtml: s?.html[locale] ?? '', choice: c?.text[locale] ?? p.choice, feedbackHtml: c?.feedbackHtml[locale] ?? '' };
		});
	return {
		setting: v.setting[locale],
		attempt: current?.attempt ?? 1,
		path: current ? pathView(current) : [],
		current: stepView(current?.currentStep ?? v.start),
		finished: current?.completedAt != null,
		earlier: attempts.slice(1).map((a) => ({ attempt: a.attempt, finished: a.completedAt != null, choices: pathView(a).map((p) => p.choice) }))
	};
}

function presentAnswer(course: Course, q: Question, value: QuizAnswerValue, locale: Locale) {
	const verdict = judge(q, value);
	switch (q.kind) {
		case 'single':
		case 'multiple': {
			const chosen = Array.isArray(value) ? value : [String(value)];
			return { type: 'choice' as const, verdict, chosen, correct: q.options.filter((o) => o.correct).map((o) => o.id) };
		}
		case 'estimate': {
			const norm = presentNorm(course, q.norm, locale);
			return {
				type: 'estimate' as const,
				verdict,
				guess: formatNumber(Number(value), locale),
				norm,
				distance: norm ? formatNumber(estimateDistance(Number(value), norm.value), locale) : null
			};
		}
		case 'attitude':
			return { type: 'attitude' as const, verdict, value: Number(value), agrees: agrees(Number(value)), norm: presentNorm(course, q.norm, locale) };
		case 'scale':
			return {
				type: 'scale' as const,
				verdict,
				value: Number(value),
				compare: q.compare.map((id) => presentNorm(course, id, locale)).filter((n) => n !== null)
			};
		default:
			return { type: 'none' as const, verdict };
	}
}

export function presentQuiz(course: Course, quiz: Quiz, attempts: QuizAttempt[], reflections: Map<string, SavedReflection>, locale: Locale) {
	const current = attempts[0];
	const prompts = new Map(quiz.prompts.map((p) => [p.key, p]));
	const answers = current?.answers ?? new Map<string, QuizAnswerValue>();
	const questions = quiz.questions.map((q) => {
		const answer = answers.get(q.id);
		const base = { id: q.id, kind: q.kind, promptHtml: q.promptHtml[locale], feedbackHtml: q.feedbackHtml?.[locale] ?? null };
		const options = hasOptions(q) ? q.options.map((o) => ({ id: o.id, text: o.text[locale] })) : [];
		const range = isNumeric(q) ? rangeOf(q) : null;
		const prompt = q.kind === 'reflection' ? prompts.get(q.reflectionKey) : undefined;
		const labels = q.kind === 'scale' ? { min: q.minLabel[locale], max: q.maxLabel[locale] } : null;
		return {
			...base,
			options,
			range,
			labels,
			answered: answer !== undefined,
			result: answer !== undefined ? presentAnswer(course, q, answer, locale) : null,
			reflection: prompt ? presentReflection(prompt, reflections.get(prompt.key), locale) : null
		};
	});
	const answerable = questions.filter((q) => q.kind !== 'reflection');
	return {
		attempt: current?.attempt ?? 1,
		questions,
		answeredCount: answerable.filter((q) => q.answered).length,
		total: answerable.length,
		score: scoreAttempt(quiz.questions, answers),
		earlier: attempts.slice(1).map((a) => ({ attempt: a.attempt, ...scoreAttempt(quiz.questions, a.answers), finished: a.completedAt != null }))
	};
}
