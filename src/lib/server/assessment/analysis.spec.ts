import { describe, expect, it } from 'vitest';
import { FLAGS, itemStats, spread } from './analysis';
import { passes } from './attempts';
import { fixtureTest } from '../../../../tests/fixtures/test-pool';

const item = fixtureTest.items.get('t-proef-3')!;
/** n attempts at the item, the first `right` of them correct; every attempt's other items all wrong except `rest[i]`. */
function rows(answers: (string | null)[], rest: number[]) {
	const all = answers.map((answer, attemptId) => ({ attemptId, itemId: item.id, answer, correct: answer === 'a' }));
	const correct = new Map(all.map((r, i) => [r.attemptId, (r.correct ? 1 : 0) + (rest[i] ?? 0)]));
	return itemStats(item, all, correct);
}

describe('item flags', () => {
	it('flags an item nearly everyone gets right, and one nearly nobody does, only from FLAGS.minAttempts', () => {
		expect(rows(['a', 'a', 'a', 'a', 'a'], [1, 2, 3, 1, 2]).flags).toEqual(['too-easy']);
		expect(rows(['a', 'a', 'a', 'a'], [1, 2, 3, 1]).flags).toEqual([]);
		expect(rows(['b', 'b', 'c', 'b', null], [1, 2, 3, 1, 2]).flags).toEqual(['too-hard']);
	});

	it('flags an item that runs against the rest of the test', () => {
		const stats = rows(['a', 'a', 'b', 'b', 'a', 'b'], [0, 0, 3, 3, 1, 2]);
		expect(stats.itemRest).toBeLessThan(FLAGS.itemRest);
		expect(stats.flags).toEqual(['low-item-rest']);
	});

	it('flags a distractor nobody chose, from 20 attempts on', () => {
		const answers = Array.from({ length: 20 }, (_, i) => (i % 2 ? 'a' : 'b'));
		const rest = answers.map((a) => (a === 'a' ? 2 : 1));
		expect(rows(answers, rest).flags).toEqual(['unused-distractor']);
		expect(rows(answers.slice(1), rest.slice(1)).flags).toEqual([]);
	});
});

describe('spread', () => {
	it('gives median and interquartile range (linear interpolation, as percentile_cont) from three values on', () => {
		expect(spread([1, 2])).toBeNull();
		expect(spread([1, 2, 3, 10])).toMatchObject({ n: 4, median: 2.5, q1: 1.75, q3: 4.75, iqr: 3 });
	});
});

describe('the pass mark', () => {
	it('needs the share correct to reach it: 70% of 15 is 11 right, not 10', () => {
		expect(passes(11, 15, 70)).toBe(true);
		expect(passes(10, 15, 70)).toBe(false);
		expect(passes(7, 10, 70)).toBe(true);
	});
});
