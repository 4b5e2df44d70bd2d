/**
 * Checks on the prose itself: errors a schema cannot see but a careful reader does. Each returns the
 * offending excerpts, so the content error can quote them next to the file and field.
 */
import type { Norms } from './figures';

const PLACEHOLDER = /\{\{\s*(?:norm|base|count|sd):[a-z0-9_]+\s*\}\}/g;
const CITATION = /\[@[^\]]+\]/g;
/** Markdown link targets and inline code say nothing about the prose around them. */
const NOT_PROSE = /\]\([^)]*\)|`[^`]*`/g;

function prose(text: string): string {
	return text.replace(NOT_PROSE, ']').replace(CITATION, ' ').replace(PLACEHOLDER, '0');
}

/**
 * Words that start a sentence but, capitalised, almost never stand in the middle of one: Dutch and
 * English articles, pronouns, conjunctions and prepositions, and "Onderzoek"/"Research", which began
 * two of the run-ons this check was written for. Names ("Hsu", "Nelson", "Joost") are not in the list,
 * so "…van Hsu" and "Nelson (2005)" pass; nor does a starter that begins a name ("van Van Kleef", "De Vries").
 */
const SENTENCE_STARTERS = [
	'De',
	'Het',
	'Een',
	'Dat',
	'Dit',
	'Die',
	'Deze',
	'Er',
	'Ik',
	'Je',
	'Jij',
	'Jouw',
	'We',
	'Wij',
	'Ze',
	'Zij',
	'Hij',
	'Hun',
	'Maar',
	'En',
	'Ook',
	'Toch',
	'Dus',
	'Want',
	'Als',
	'Wat',
	'Hoe',
	'Waarom',
	'Wie',
	'Wanneer',
	'Welke',
	'Zo',
	'Daar',
	'Daarom',
	'Soms',
	'Vaak',
	'Veel',
	'Bij',
	'Met',
	'Na',
	'Op',
	'Uit',
	'Voor',
	'Van',
	'Onderzoek',
	'Niet',
	'Nu',
	'The',
	'This',
	'That',
	'These',
	'Those',
	'It',
	'You',
	'Your',
	'They',
	'He',
	'She',
	'We',
	'Our',
	'There',
	'But',
	'And',
	'So',
	'Yet',
	'When',
	'What',
	'How',
	'Why',
	'Who',
	'Which',
	'If',
	'Research',
	'Not',
	'Now',
	'Many',
	'Some'
];
const RUN_ON = new RegExp(
	`(?<![\\p{L}’'-])(\\p{Ll}[\\p{Ll}’'-]+)[ \\t]*\\n?[ \\t]*(${SENTENCE_STARTERS.join('|')})(?![\\p{L}’'-])(?! (?:\\p{Lu}|der |den |de ))`,
	'gu'
);

/** Deliberate exceptions: an excerpt listed here ("lowercase Capitalised") is not a run-on. */
export const RUN_ON_EXCEPTIONS: string[] = [];

/** "…horen Het gaat om": a sentence that runs into the next without its full stop. */
export function runOnSentences(text: string): string[] {
	const found: string[] = [];
	for (const line of prose(text).split(/\n[ \t]*\n/)) {
		// Headings, table rows and list markers start new blocks of text, not new sentences.
		const block = line.replace(/^[ \t]*(?:#{1,6} .*|\|.*|[-*+] |\d+\. )/gm, (m) => (m.startsWith('#') || m.startsWith('|') ? '' : ' '));
		for (const m of block.matchAll(RUN_ON)) {
			const excerpt = `${m[1]} ${m[2]}`;
			if (!RUN_ON_EXCEPTIONS.includes(excerpt)) found.push(excerpt);
		}
	}
	return found;
}

/** Elisions that begin with an apostrophe: ’t, ’s (’s avonds), ’n, and decades (’80). */
const ELISION = /^(?:t|s|n|k|r|m|em|er|\d\d)(?![\p{L}])/u;

/**
 * The course quotes with curly double quotes “…”. Refused: a straight double quote, a single opening
 * quote ‘, and ’ or ' used to open a quotation. Apostrophes (’t, it’s, collega’s, clients') pass.
 * Unbalanced “ and ” within one text are refused too.
 */
export function quoteStyleProblems(text: string): string[] {
	const bare = prose(text);
	const around = (i: number) =>
		bare
			.slice(Math.max(0, i - 12), i + 13)
			.replace(/\s+/g, ' ')
			.trim();
	/** One problem per kind of mark, with how often it occurs and where it first does. */
	const report = (what: string, hits: number[]) => (hits.length ? [`${hits.length}× ${what}, first in “${around(hits[0] ?? 0)}”`] : []);
	const opening = [...bare.matchAll(/(?<=^|[\s([—–/])['’](?=\p{L}|\d)/gu)].map((m) => m.index).filter((i) => !ELISION.test(bare.slice(i + 1)));
	const open = (bare.match(/“/g) ?? []).length;
	const close = (bare.match(/”/g) ?? []).length;
	return [
		...report(
			'straight double quote "',
			[...bare.matchAll(/"/g)].map((m) => m.index)
		),
		...report(
			'single quote ‘',
			[...bare.matchAll(/‘/g)].map((m) => m.index)
		),
		...report('single quote opening a quotation', opening),
		...(open !== close ? [`${open} opening “ but ${close} closing ”`] : [])
	];
}

/** Words that state a base in prose: "of all therapists", "van wie weleens huilde", "of those who cried" … */
const BASE_WORDS = [
	/\balle\s+(?:\S+\s+)?(?:therapeuten|deelnemers|respondenten)\b/i,
	/\b(?:wie|die)\s+(?:zelf\s+)?(?:weleens|wel eens|ooit)\s+(?:\S+\s+){0,3}?(?:gehuild|huilde|huilden)\b/i,
	/\ball\s+(?:the\s+)?(?:\S+\s+)?(?:therapists|participants|respondents)\b/i,
	/\bwho\s+(?:had\s+|have\s+|has\s+)?ever\s+cried\b|\bthose\s+who\s+(?:had\s+|have\s+)?cried\b/i
];
/** A sentence that says the base is unknown may name the candidates. */
const SAYS_UNCLEAR = /onduidelijk|niet duidelijk|(?:zegt|vermeldt|noemt)\b.{0,25}\bniet\b|unclear|not clear|(?:does not|doesn’t) (?:say|state)|not stated/i;

/**
 * A figure whose base the article leaves unclear must not be printed with a base: no {{base:…}} or
 * {{count:…}} in its sentence, and no words that claim one, unless the sentence says the base is unclear.
 * Returns the norm ids that are printed with a base.
 */
export function basesClaimedForUnclear(text: string, norms: Norms): string[] {
	const found: string[] = [];
	const sentences = text.replace(CITATION, ' ').split(/(?<=[.?!:;])\s+|\n\s*\n|\n\s*[-*|]/);
	for (const sentence of sentences) {
		for (const m of sentence.matchAll(/\{\{\s*norm:([a-z0-9_]+)\s*\}\}/g)) {
			const id = m[1] ?? '';
			if (norms[id]?.base !== 'unclear' || SAYS_UNCLEAR.test(sentence)) continue;
			const claimsBase = /\{\{\s*(?:base|count):/.test(sentence) || BASE_WORDS.some((w) => w.test(sentence.replace(PLACEHOLDER, ' ')));
			if (claimsBase) found.push(id);
		}
	}
	return found;
}
