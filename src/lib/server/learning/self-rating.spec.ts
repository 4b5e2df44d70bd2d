import { describe, expect, it } from 'vitest';
import { loadCourse } from '../content/load';
import { readContentFiles } from '../content/fs';
import { isSelfRating, selfRatingStep } from './self-rating';

describe('selfRatingStep', () => {
	it('opens on the first unanswered statement when the URL names none', () => {
		expect(selfRatingStep([false, false, false], null)).toBe(1);
		expect(selfRatingStep([true, true, false], null)).toBe(3);
	});

	it('shows an answered statement again, to change it', () => {
		expect(selfRatingStep([true, true, false], '1')).toBe(1);
		expect(selfRatingStep([true, true, true], '2')).toBe(2);
	});

	it('never skips ahead of the first unanswered statement, nor to the summary before all are answered', () => {
		expect(selfRatingStep([true, false, false], '3')).toBe(2);
		expect(selfRatingStep([true, false, false], '4')).toBe(2);
	});

	it('shows the summary (null) once every statement is answered, past the last or without a step', () => {
		expect(selfRatingStep([true, true], '3')).toBeNull();
		expect(selfRatingStep([true, true], null)).toBeNull();
	});

	it('treats a malformed step as none', () => {
		expect(selfRatingStep([true, false], 'x')).toBe(2);
		expect(selfRatingStep([true, false], '0')).toBe(2);
		expect(selfRatingStep([true, false], '1.5')).toBe(2);
	});
});

describe('isSelfRating', () => {
	const course = loadCourse(readContentFiles('content'));
	const quizzes = course.modules.flatMap((m) => m.items).filter((i) => i.type === 'quiz');

	it('is the quiz of opinions only: the self-rating, not the quizzes with right answers', () => {
		expect(quizzes.filter(isSelfRating).map((q) => q.id)).toEqual(['zelfpeiling-tranen-in-therapie']);
	});
});
