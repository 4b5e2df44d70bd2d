/**
 * What a learner sees of a submitted attempt: the score, which module objectives were met, and feedback
 * on each missed item. An objective counts as met when every item drawn for it in this attempt was
 * answered correctly; an objective no drawn item tested is "not tested" this time. The correct option is
 * never marked, so the result page is no key that could be passed on.
 */
import type { Module, Test } from '../content';
import type { Locale } from '../content';
import type { AttemptWithItems } from './attempts';

export type ObjectiveResult = { text: string; status: 'met' | 'not-met' | 'not-tested' };

export function presentResult(test: Test, modules: Module[], attempt: AttemptWithItems, locale: Locale) {
	const objectives = modules.map((m) => ({
		title: m.title[locale],
		objectives: m.objectives[locale].map((text, i): ObjectiveResult => {
			const drawn = attempt.items.filter((d) => d.moduleId === m.id && test.items.get(d.itemId)?.objective === i + 1);
			return { text, status: drawn.length === 0 ? 'not-tested' : drawn.every((d) => d.correct) ? 'met' : 'not-met' };
		})
	}));
	const missed = attempt.items
		.filter((d) => !d.correct)
		.map((d) => {
			const item = test.items.get(d.itemId);
			const chosen = item?.options.find((o) => o.id === d.answer);
			return item
				? {
						id: item.id,
						caseHtml: item.caseHtml?.[locale] ?? null,
						promptHtml: item.promptHtml[locale],
						chosenHtml: chosen?.html[locale] ?? null,
						feedbackHtml: item.feedbackHtml[locale]
					}
				: null;
		})
		.filter((m) => m !== null);
	return {
		attempt: attempt.attempt,
		correct: attempt.correct ?? 0,
		total: attempt.total,
		score: attempt.score ?? 0,
		passed: attempt.passed === true,
		passMark: attempt.passMark,
		submittedAt: attempt.submittedAt,
		modules: objectives,
		missed
	};
}

/** An open attempt as the test page shows it: items in order, options in the attempt's order, answers so far. */
export function presentAttempt(test: Test, attempt: AttemptWithItems, locale: Locale) {
	return {
		id: attempt.id,
		attempt: attempt.attempt,
		items: attempt.items
			.map((d) => {
				const item = test.items.get(d.itemId);
				if (!item) return null;
				return {
					id: item.id,
					caseHtml: item.caseHtml?.[locale] ?? null,
					promptHtml: item.promptHtml[locale],
					options: d.optionOrder.map((optionId) => ({ id: optionId, html: item.options.find((o) => o.id === optionId)?.html[locale] ?? '' })),
					answer: d.answer
				};
			})
			.filter((i) => i !== null)
	};
}
