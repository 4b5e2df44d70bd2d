/** Pure rules for quiz answers: parsing what a form sent, and judging it. Unit-tested beside this file. */
import type { Question } from '../content';
import { hasOptions, rangeOf } from '../content/questions';
import { ATTITUDE_SCALE } from '../content/schema';
import type { QuizAnswerValue } from '../db/schema';

export type ParsedAnswer = { ok: true; value: QuizAnswerValue } | { ok: false; error: 'choose-one' | 'choose-some' | 'number-range' };

/** `raw` is every value the form sent under "answer". */
export function parseAnswer(question: Question, raw: string[]): ParsedAnswer {
	switch (question.kind) {
		case 'single': {
			const [one] = raw;
			const valid = raw.length === 1 && question.options.some((o) => o.id === one);
			return valid && one ? { ok: true, value: one } : { ok: false, error: 'choose-one' };
		}
		case 'multiple': {
			const ids = [...new Set(raw)];
			const valid = ids.length > 0 && ids.every((id) => question.options.some((o) => o.id === id));
			return valid ? { ok: true, value: ids.sort() } : { ok: false, error: 'choose-some' };
		}
		case 'estimate':
		case 'attitude':
		case 'scale': {
			const { min, max } = rangeOf(question);
			const text = (raw[0] ?? '').trim().replace(',', '.');
			const value = Number(text);
			const wholeOnly = question.kind !== 'estimate';
			if (raw.length !== 1 || text === '' || !Number.isFinite(value) || value < min || value > max || (wholeOnly && !Number.isInteger(value))) {
				return { ok: false, error: 'number-range' };
			}
			return { ok: true, value };
		}
		case 'reflection':
			return { ok: false, error: 'choose-one' };
	}
}

export type Verdict = 'correct' | 'partly' | 'incorrect' | null;

/** Right or wrong applies to knowledge questions only; estimates, attitudes and ratings are compared, not judged. */
export function judge(question: Question, value: QuizAnswerValue): Verdict {
	if (!hasOptions(question)) return null;
	const right = question.options
		.filter((o) => o.correct)
		.map((o) => o.id)
		.sort();
	const given = (Array.isArray(value) ? value : [String(value)]).slice().sort();
	if (right.join() === given.join()) return 'correct';
	return given.some((g) => right.includes(g)) ? 'partly' : 'incorrect';
}

/** On the study's attitude scale, any point above the neutral middle counts as agreeing. */
export function agrees(value: number): boolean {
	return value > ATTITUDE_SCALE.neutral;
}

export function estimateDistance(guess: number, truth: number): number {
	return Math.round(Math.abs(guess - truth) * 10) / 10;
}

export function scoreAttempt(questions: Question[], answers: Map<string, QuizAnswerValue>): { correct: number; judged: number } {
	let correct = 0;
	let judged = 0;
	for (const q of questions) {
		const a = answers.get(q.id);
		if (a === undefined) continue;
		const v = judge(q, a);
		if (v === null) continue;
		judged++;
		if (v === 'correct') correct++;
	}
	return { correct, judged };
}
