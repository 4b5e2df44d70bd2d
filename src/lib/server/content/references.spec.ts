import { describe, expect, it } from 'vitest';
import { authorList, formatReferences } from './references';

describe('the literature list', () => {
	it('joins authors the APA way', () => {
		expect(authorList(['Knox, S.', 'Hill, C.E.', 'Tate, K.A.'])).toBe('Knox, S., Hill, C.E., & Tate, K.A.');
		expect(authorList(['Nelson, J.K.'])).toBe('Nelson, J.K.');
		expect(authorList('onbekende auteur')).toBe('onbekende auteur');
	});

	it("sorts by first author ('t Lam under L), then year, and builds the source line", () => {
		const list = formatReferences({
			tritt2015: {
				authors: ['Tritt, A.'],
				year: 2015,
				title: 'Patients',
				journal: 'Psychotherapy',
				volume: '52(3)',
				pages: '373–380',
				doi: '10.1037/a0038711'
			},
			tlam2018: { authors: ["'t Lam, C."], year: 2018, title: 'Tears in therapy' },
			knox2017: { authors: ['Knox, S.'], year: 2017, title: 'Crying', publisher: 'APA', url: 'javascript:alert(1)' },
			blume2015: { authors: ['Blume-Marcovici, A.C.'], year: 2015, title: 'When therapists cry' },
			blume2013: { authors: ['Blume-Marcovici, A.C.'], year: 2013, title: 'Do therapists cry' }
		});
		expect(list.map((r) => r.key)).toEqual(['blume2013', 'blume2015', 'knox2017', 'tlam2018', 'tritt2015']);
		expect(list.at(-1)).toMatchObject({ source: 'Psychotherapy, 52(3), 373–380', doi: '10.1037/a0038711' });
		expect(list[2]).toMatchObject({ source: 'APA', url: null });
	});
});
