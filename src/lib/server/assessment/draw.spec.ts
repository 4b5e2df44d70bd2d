import { describe, expect, it } from 'vitest';
import { drawItems, shuffled, type PoolItem } from './draw';

const item = (moduleId: string, n: number): PoolItem => ({ id: `t-${moduleId}-${n}`, moduleId, options: [{ id: 'a' }, { id: 'b' }, { id: 'c' }] });
const pool = new Map([
	['een', [1, 2, 3, 4, 5, 6].map((n) => item('een', n))],
	['twee', [1, 2, 3, 4, 5, 6].map((n) => item('twee', n))]
]);
const ids = (drawn: { itemId: string }[]) => drawn.map((d) => d.itemId).sort();

describe('drawing a test attempt', () => {
	it('draws perModule items from every module, each with all its options', () => {
		const drawn = drawItems(pool, 2, new Map());
		expect(drawn.filter((d) => d.moduleId === 'een')).toHaveLength(2);
		expect(drawn.filter((d) => d.moduleId === 'twee')).toHaveLength(2);
		for (const d of drawn) expect([...d.optionOrder].sort()).toEqual(['a', 'b', 'c']);
	});

	it('prefers items never seen, then the least recently seen', () => {
		const at = (day: number) => new Date(2026, 0, day);
		const seen = new Map(['t-een-1', 't-een-2', 't-een-3', 't-een-4'].map((id, i) => [id, at(10 + i)]));
		expect(ids(drawItems(pool, 2, seen)).filter((id) => id.startsWith('t-een'))).toEqual(['t-een-5', 't-een-6']);
		seen.set('t-een-5', at(20)).set('t-een-6', at(21));
		expect(ids(drawItems(pool, 2, seen)).filter((id) => id.startsWith('t-een'))).toEqual(['t-een-1', 't-een-2']);
	});

	it('varies the items and the option order from draw to draw', () => {
		const draws = Array.from({ length: 30 }, () => drawItems(pool, 2, new Map()));
		expect(new Set(draws.map((d) => ids(d).join())).size).toBeGreaterThan(1);
		expect(new Set(draws.map((d) => d[0]!.optionOrder.join())).size).toBeGreaterThan(1);
	});

	it('shuffles with the random source it is given', () => {
		expect(shuffled([1, 2, 3, 4], () => 0)).toEqual([2, 3, 4, 1]);
	});
});

describe('TEST_PASS_MARK', () => {
	it('is 70 unless set to a whole percentage', async () => {
		const { passMarkFrom } = await import('./attempts');
		expect(passMarkFrom(undefined)).toBe(70);
		expect(passMarkFrom('80')).toBe(80);
		expect(() => passMarkFrom('70%')).toThrow(/TEST_PASS_MARK/);
		expect(() => passMarkFrom('0')).toThrow(/TEST_PASS_MARK/);
	});
});
