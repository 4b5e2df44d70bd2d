import { describe, expect, it } from 'vitest';
import { fillFigures, formatNorm, formatPart, retypedFigures, type Norms } from './figures';

const norms: Norms = {
	ever_cried: { value: 87.4, unit: 'percent', base: 819, count: 715, source: 's', where: 'w', label: { nl: 'a', en: 'a' } },
	proneness: { value: 5.3, unit: 'mean', sd: 2.18, base: 819, source: 's', where: 'w', label: { nl: 'b', en: 'b' } },
	agree: { value: 32, unit: 'percent', base: 819, source: 's', where: 'w', label: { nl: 'c', en: 'c' } },
	burdens: { value: 18.6, unit: 'percent', base: 'unclear', note: { nl: 'n', en: 'n' }, source: 's', where: 'w', label: { nl: 'd', en: 'd' } }
};

describe('figures', () => {
	it('formats per language, keeping the decimals a mean was printed with', () => {
		expect(formatNorm(norms.ever_cried!, 'nl')).toBe('87,4%');
		expect(formatNorm(norms.ever_cried!, 'en')).toBe('87.4%');
		expect(formatNorm(norms.proneness!, 'nl')).toBe('5,30');
		expect(formatNorm(norms.agree!, 'en')).toBe('32%');
	});

	it('fills every kind of placeholder', () => {
		expect(fillFigures('{{norm:ever_cried}} ({{count:ever_cried}} van {{base:ever_cried}}), sd {{sd:proneness}}', norms, 'nl')).toBe(
			'87,4% (715 van 819), sd 2,18'
		);
	});

	it('finds retyped percentages, decimals and study counts but not years or small numbers', () => {
		expect(retypedFigures('Ongeveer 87% huilde', norms)).toEqual(['87%']);
		expect(retypedFigures('gemiddeld 5,3 op de schaal', norms)).toEqual(['5,3']);
		expect(retypedFigures('van de 819 therapeuten', norms)).toEqual(['819']);
		expect(retypedFigures('ongeveer 32 procent', norms)).toEqual(['32 procent']);
		expect(retypedFigures('In 1987 vonden Pope en collega’s in drie stappen op een schaal van 1 tot 7 of van 1 tot 10', norms)).toEqual([]);
		expect(retypedFigures('{{norm:ever_cried}} van {{base:ever_cried}}', norms)).toEqual([]);
	});

	it('has no base to print for a figure whose base is unclear, and leaves the placeholder for the loader to refuse', () => {
		expect(formatPart(norms, 'base', 'burdens', 'nl')).toBeNull();
		expect(fillFigures('{{norm:burdens}} van {{base:burdens}}', norms, 'en')).toBe('18.6% van {{base:burdens}}');
	});
});
