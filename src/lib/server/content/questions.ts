/**
 * The groups of question kinds that rules and pages tell apart, defined once. They narrow a question as
 * written (schema.ts) and as built (build.ts) alike.
 */
import { ATTITUDE_SCALE, type QuestionKind } from './schema';

type Of<Q, K extends QuestionKind> = Extract<Q, { kind: K }>;

/** Knowledge questions: options, of which one (single) or some (multiple) are correct; the only ones judged right or wrong. */
export function hasOptions<Q extends { kind: QuestionKind }>(q: Q): q is Of<Q, 'single' | 'multiple'> {
	return q.kind === 'single' || q.kind === 'multiple';
}

/** Answered with a number in the question's range: an estimate, a point on the attitude scale, a rating. */
export function isNumeric<Q extends { kind: QuestionKind }>(q: Q): q is Of<Q, 'estimate' | 'attitude' | 'scale'> {
	return q.kind === 'estimate' || q.kind === 'attitude' || q.kind === 'scale';
}

/** Answered by one figure of the study (`norm`), which therefore must not be printed before the answer. */
export function answeredByNorm<Q extends { kind: QuestionKind }>(q: Q): q is Of<Q, 'estimate' | 'attitude'> {
	return q.kind === 'estimate' || q.kind === 'attitude';
}

/** The numbers a numeric question accepts: its own range, or for an attitude statement the study's scale. */
export function rangeOf(q: { kind: 'attitude' } | { kind: 'estimate' | 'scale'; min: number; max: number }): { min: number; max: number } {
	return q.kind === 'attitude' ? { min: ATTITUDE_SCALE.min, max: ATTITUDE_SCALE.max } : { min: q.min, max: q.max };
}
