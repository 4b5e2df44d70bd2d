import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import fontkit from '@pdf-lib/fontkit';
import { FontStack, unprintable } from './fonts';

describe('the certificate typeface', () => {
	it('can print names in latin-ext, Vietnamese, Greek and Cyrillic, and names the characters it cannot', () => {
		for (const name of ['Łukasz Żółć', 'Çağla Öztürk', 'Nguyễn Thị Ánh', 'Αλέξανδρος', 'Анна Петрова', 'Ђорђе Ћосић'])
			expect(unprintable(name), name).toEqual([]);
		expect(unprintable('王小明 王')).toEqual(['王', '小', '明']);
		expect(unprintable('Ana 😀')).toEqual(['😀']);
		// Combining accents count as the letters they make.
		expect(unprintable('Nguye\u0302\u0303n')).toEqual([]);
	});

	it('draws a line in runs, staying in one subset file as long as it can', async () => {
		const pdf = await PDFDocument.create();
		pdf.registerFontkit(fontkit);
		const stack = new FontStack(pdf, 'serif');
		const runs = await stack.runs('Anna Αλέξανδρος Nguyễn');
		expect(runs.map((r) => r.text)).toEqual(['Anna ', 'Αλέξανδρος ', 'Nguy', 'ễ', 'n']);
		expect(new Set(runs.map((r) => r.font)).size).toBe(3);
	});
});
