/**
 * What a certificate says about its holder: the name as printed, its short form for verification (initials and
 * surname), and an optional register number checked for format.
 */
import type { Points, Register } from '../db/schema';

/** Dutch surname particles (tussenvoegsels): where they start, the surname starts. */
const PARTICLES = new Set(['van', 'de', 'der', 'den', 'het', "'t", '’t', 'ter', 'ten', 'te', 'in', 'op', 'la', 'le', 'du', 'da', 'del', 'von', 'zu', 'vd']);

/**
 * "Anna Maria de Vries" → "A.M. de Vries"; "Jan-Willem van den Berg" → "J.W. van den Berg"; "J. de Vries" stays.
 * The surname is the last word, or from the first particle after the first name onwards (also a particle after a
 * hyphen, as in a double surname: "Elise Jansen-van den Berg" → "E. Jansen-van den Berg").
 */
export function initialsAndSurname(printedName: string): string {
	const words = printedName.trim().split(/\s+/).filter(Boolean);
	if (words.length <= 1) return words.join('');
	let start = words.length - 1;
	for (let i = 1; i < words.length - 1; i++) {
		const word = (words[i] ?? '').toLowerCase();
		// "de Vries", and the second name of a double surname: "Jansen-van den Berg".
		if (PARTICLES.has(word) || PARTICLES.has(word.split('-').at(-1) ?? '')) {
			start = i;
			break;
		}
	}
	const initials = words
		.slice(0, start)
		.flatMap((w) => w.split(/[-.]/).filter(Boolean))
		.map((part) => `${[...part][0]?.toLocaleUpperCase('nl')}.`)
		.join('');
	return `${initials} ${words.slice(start).join(' ')}`;
}

/**
 * The number formats. BIG: 11 digits (the BIG register's number, as PE-online's and the registers' help pages
 * describe it). NIP: digits after "NIP-" (NIP's own example is NIP-00123456). NVP, VGCt and other registers
 * publish no format, so a generous pattern: 3 to 20 letters, digits, dots, dashes or slashes.
 */
const FORMATS: Record<Register, RegExp> = {
	BIG: /^(?:BIG-?)?(\d{11})$/i,
	NIP: /^(?:NIP-?)?(\d{4,10})$/i,
	NVP: /^(?:NVP-?)?([A-Z0-9][A-Z0-9./-]{2,19})$/i,
	VGCt: /^(?:VGCT-?)?([A-Z0-9][A-Z0-9./-]{2,19})$/i,
	other: /^([A-Z0-9][A-Z0-9./-]{2,19})$/i
};

/**
 * The prefix PE-online expects before a number: NIP- (NIP's accreditation page: "NIP-00123456"), BIG- (PE-online's
 * help page: "BIG-xxxxxxxxxxx"), VGCT- (NIP's page names a "VGCT-nummer"); NVP- is assumed, no public text found. None for `other`.
 */
export const PE_ONLINE_PREFIX: Record<Register, string> = { BIG: 'BIG-', NIP: 'NIP-', NVP: 'NVP-', VGCt: 'VGCT-', other: '' };

/** The number without prefix or spaces, or null when it does not fit the register's format. */
export function parseRegisterNumber(register: Register, input: string): string | null {
	const match = FORMATS[register].exec(input.replace(/\s/g, ''));
	return match?.[1] ? match[1].toUpperCase() : null;
}

/** ACCREDITATION_POINTS, e.g. "NIP=4,VGCt=4": the points per register the installation was granted. Bad entries stop the app. */
export function parsePoints(value: string | undefined): Points {
	if (!value?.trim()) return [];
	return value.split(',').map((entry) => {
		const match = /^\s*([^=\s][^=]*?)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(entry);
		if (!match?.[1] || !match[2]) throw new Error(`ACCREDITATION_POINTS: "${entry}" is not REGISTER=POINTS (e.g. NIP=4,VGCt=4).`);
		return { register: match[1], points: Number(match[2]) };
	});
}

/** Measured study time as printed: hours with one decimal, in the language's number format ("2,5" / "2.5"). */
export function studyHours(seconds: number, locale: 'nl' | 'en'): string {
	return (Math.round(seconds / 360) / 10).toLocaleString(locale === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}
