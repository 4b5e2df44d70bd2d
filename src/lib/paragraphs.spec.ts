import { describe, expect, it } from 'vitest';
import { paragraphs } from './paragraphs';

describe('paragraphs', () => {
	it('joins the lines of a wrapped sentence and splits at blank lines', () => {
		expect(paragraphs('Je lacht mee en de cliënt\nvoelt zich gezien.\n\nDaarna   \n\n  volgt de omslag.')).toEqual([
			'Je lacht mee en de cliënt voelt zich gezien.',
			'Daarna',
			'volgt de omslag.'
		]);
	});

	it('keeps a single paragraph as it is and drops empty text', () => {
		expect(paragraphs('Eén zin.')).toEqual(['Eén zin.']);
		expect(paragraphs('\r\n \r\n')).toEqual([]);
	});
});
