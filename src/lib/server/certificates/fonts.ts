/**
 * The certificate's typefaces. @fontsource ships Source Sans 3 and Source Serif 4 as one file per Unicode subset
 * (latin, latin-ext, vietnamese, greek, greek-ext, cyrillic, cyrillic-ext), and pdf-lib embeds one file per font.
 * So a line is drawn in runs, each in the first subset file that has its characters: "Łukasz Żółć", "Nguyễn Thị Ánh"
 * and "Αλέξανδρος" print with the same typeface, and only the files a certificate uses are embedded (subset).
 * What no file covers (Chinese, Arabic, emoji, …) is refused when the certificate is requested (`unprintable`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import type { PDFDocument, PDFFont, PDFPage, RGB } from 'pdf-lib';

const require = createRequire(import.meta.url);
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'] as const;
const FACES = {
	sans: ['@fontsource/source-sans-3', 'source-sans-3', '400'],
	sansBold: ['@fontsource/source-sans-3', 'source-sans-3', '600'],
	serif: ['@fontsource/source-serif-4', 'source-serif-4', '600']
} as const;
export type Face = keyof typeof FACES;

type SubsetFile = { bytes: Uint8Array; covers: (codePoint: number) => boolean };
const loaded = new Map<Face, SubsetFile[]>();

/** A face's subset files, read once (their exports map only CSS, so the folder is found through LICENSE). */
function filesOf(face: Face): SubsetFile[] {
	let files = loaded.get(face);
	if (!files) {
		const [pkg, family, weight] = FACES[face];
		const folder = join(dirname(require.resolve(`${pkg}/LICENSE`)), 'files');
		// Not every face has every subset (Source Serif 4 has no greek-ext): the ones it has, in SUBSETS' order.
		files = SUBSETS.map((subset) => join(folder, `${family}-${subset}-${weight}-normal.woff`))
			.filter((file) => existsSync(file))
			.map((file) => {
				const bytes = readFileSync(file);
				const font = fontkit.create(bytes);
				return { bytes, covers: (codePoint: number) => font.hasGlyphForCodePoint(codePoint) };
			});
		loaded.set(face, files);
	}
	return files;
}

/** Spaces and the like are drawn by whichever file the run is in. */
const isSpace = (char: string) => /^\s$/u.test(char);

/** The characters of `text` (after NFC) that no subset file of `face` can draw, each once. */
export function unprintable(text: string, face: Face = 'serif'): string[] {
	const files = filesOf(face);
	const missing = [...text.normalize('NFC')].filter((char) => !isSpace(char) && !files.some((f) => f.covers(char.codePointAt(0) ?? 0)));
	return [...new Set(missing)];
}

/** A face embedded in one PDF: each subset file is embedded on first use only. */
export class FontStack {
	private readonly embedded = new Map<number, Promise<PDFFont>>();
	constructor(
		private readonly pdf: PDFDocument,
		private readonly face: Face
	) {}

	/** The runs of `text`: each character stays in the current file if it can, else the first file that has it. */
	async runs(text: string): Promise<{ text: string; font: PDFFont }[]> {
		const files = filesOf(this.face);
		const runs: { text: string; index: number }[] = [];
		for (const char of text.normalize('NFC')) {
			const last = runs.at(-1);
			const codePoint = char.codePointAt(0) ?? 0;
			if (last && (isSpace(char) || files[last.index]?.covers(codePoint))) last.text += char;
			else {
				const index = Math.max(
					0,
					files.findIndex((f) => f.covers(codePoint))
				);
				runs.push({ text: char, index });
			}
		}
		return Promise.all(runs.map(async (run) => ({ text: run.text, font: await this.font(run.index) })));
	}

	/** The main (latin) file: for text the course itself writes. */
	latin(): Promise<PDFFont> {
		return this.font(0);
	}

	async width(text: string, size: number): Promise<number> {
		return (await this.runs(text)).reduce((sum, run) => sum + run.font.widthOfTextAtSize(run.text, size), 0);
	}

	async draw(page: PDFPage, text: string, options: { x: number; y: number; size: number; color: RGB }): Promise<void> {
		let x = options.x;
		for (const run of await this.runs(text)) {
			page.drawText(run.text, { ...options, x, font: run.font });
			x += run.font.widthOfTextAtSize(run.text, options.size);
		}
	}

	/** Kept as a promise, so that runs asking for the same file at once embed it once. */
	private font(index: number): Promise<PDFFont> {
		let font = this.embedded.get(index);
		if (!font) {
			const file = filesOf(this.face)[index] ?? filesOf(this.face)[0];
			if (!file) throw new Error(`no font file for ${this.face}`);
			font = this.pdf.embedFont(file.bytes, { subset: true });
			this.embedded.set(index, font);
		}
		return font;
	}
}
