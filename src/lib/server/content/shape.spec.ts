import { describe, expect, it } from 'vitest';
import { shapeOf } from './shape';

const PROSE = new Set(['title', 'text']);
const MAPS = new Set(['why']);

describe('shapeOf', () => {
	it('lets the languages differ in prose only', () => {
		const nl = { id: 'a', title: 'Tranen', options: [{ id: 'x', text: 'Ja', correct: true }] };
		const en = { id: 'a', title: 'Tears', options: [{ id: 'x', text: 'Yes', correct: true }] };
		expect(shapeOf(nl, PROSE)).toBe(shapeOf(en, PROSE));
	});

	it('tells apart ids, flags, numbers, list lengths and a prose key present in one language only', () => {
		const base = { id: 'a', minutes: 3, title: 'T', options: [{ id: 'x', text: 'Ja', correct: true }] };
		for (const other of [
			{ ...base, id: 'b' },
			{ ...base, minutes: 4 },
			{ ...base, options: [{ id: 'x', text: 'Ja' }] },
			{ ...base, options: [...base.options, { id: 'y', text: 'Nee' }] },
			{ id: 'a', minutes: 3, options: base.options }
		])
			expect(shapeOf(other, PROSE)).not.toBe(shapeOf(base, PROSE));
	});

	it('keeps the keys of a prose map and blanks its values', () => {
		expect(shapeOf({ why: { regie: 'omdat', betekenis: 'want' } }, PROSE, MAPS)).toBe(shapeOf({ why: { regie: 'because', betekenis: 'as' } }, PROSE, MAPS));
		expect(shapeOf({ why: { regie: 'omdat' } }, PROSE, MAPS)).not.toBe(shapeOf({ why: { betekenis: 'as' } }, PROSE, MAPS));
	});
});
