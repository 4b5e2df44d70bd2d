import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { gradeOf, nextLevel, review } from './schedule';

const all = (n: number) => ({ 'bij-de-emotie': n, regie: n });

describe('practice schedule', () => {
	it('maps difficulty and self-ratings to an FSRS grade', () => {
		expect(gradeOf('too-hard', all(2))).toBe(Rating.Again);
		expect(gradeOf('too-hard', all(3))).toBe(Rating.Hard);
		expect(gradeOf('about-right', all(2.5))).toBe(Rating.Hard);
		expect(gradeOf('about-right', all(3))).toBe(Rating.Good);
		expect(gradeOf('too-easy', all(3))).toBe(Rating.Good);
		expect(gradeOf('too-easy', all(4))).toBe(Rating.Easy);
	});

	it('brings a drill back later the easier it was, and never within the same day', () => {
		const now = new Date('2026-12-04T10:00:00Z');
		const days = (d: Date) => (d.getTime() - now.getTime()) / 86_400_000;
		const hard = review(null, 'too-hard', all(1), now);
		const easy = review(null, 'too-easy', all(5), now);
		expect(days(hard.due)).toBeGreaterThanOrEqual(1);
		expect(days(easy.due)).toBeGreaterThan(days(hard.due));
		// A stored card (its dates as JSON text) is read back and reviewed again: the interval grows.
		const again = review(JSON.parse(JSON.stringify(easy)), 'too-easy', all(5), easy.due);
		expect(again.due.getTime() - easy.due.getTime()).toBeGreaterThan(easy.due.getTime() - now.getTime());
	});

	it('moves the rung by the rule: up when too easy and rated 4+, down when too hard or rated 2-, else stays', () => {
		expect(nextLevel(3, 3, 'too-easy', all(4))).toBe(4);
		expect(nextLevel(3, 3, 'too-easy', all(3))).toBe(3);
		expect(nextLevel(3, 3, 'about-right', all(5))).toBe(3);
		expect(nextLevel(3, 3, 'about-right', all(2))).toBe(2);
		expect(nextLevel(3, 3, 'too-hard', all(5))).toBe(2);
		expect(nextLevel(1, 1, 'too-hard', all(1))).toBe(1);
		expect(nextLevel(8, 8, 'too-easy', all(5))).toBe(8);
		// A drill from another rung does not move it.
		expect(nextLevel(3, 1, 'too-easy', all(5))).toBe(3);
	});
});
