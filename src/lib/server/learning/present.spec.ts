import { describe, expect, it } from 'vitest';
import type { Course } from '../content';
import { presentNorm } from './present';

const course = {
	modules: [],
	test: null,
	items: new Map(),
	targets: new Map(),
	glossary: [],
	practice: { rubric: null, intro: null, drills: [], calibration: [], selfEfficacy: null },
	info: { updated: null, authors: null, review: null, version: 'test' },
	bibliography: { s: { authors: ['’t Lam, C.', 'Vingerhoets, A.'], year: 2018, title: 'T', cite: '’t Lam et al., 2018' } },
	norms: {
		ever_cried: { value: 87.4, unit: 'percent', base: 819, count: 715, source: 's', where: 'Resultaten', label: { nl: 'ooit', en: 'ever' } },
		agree: { value: 32, unit: 'percent', about: true, base: 819, source: 's', where: 'Resultaten', label: { nl: 'eens', en: 'agree' } },
		burdens: {
			value: 18.6,
			unit: 'percent',
			base: 'unclear',
			note: { nl: 'Van wie, zegt het artikel niet.', en: 'The article does not say of whom.' },
			source: 's',
			where: 'Resultaten',
			label: { nl: 'belast', en: 'burdens' }
		}
	}
} satisfies Course;

describe('presenting a figure', () => {
	it('gives base and count of a figure whose base the article states', () => {
		expect(presentNorm(course, 'ever_cried', 'nl')).toMatchObject({ display: '87,4%', base: '819', count: '715', baseNote: null, about: false });
	});

	it('gives no base, and the note, for a figure whose base the article leaves unclear', () => {
		expect(presentNorm(course, 'burdens', 'en')).toMatchObject({ display: '18.6%', base: null, baseNote: 'The article does not say of whom.' });
	});

	it('marks a figure the article gives as approximate', () => {
		expect(presentNorm(course, 'agree', 'en')).toMatchObject({ display: '32%', about: true, base: '819' });
	});
});
