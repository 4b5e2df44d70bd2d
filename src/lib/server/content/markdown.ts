import { Marked } from 'marked';
import type { Reference } from './schema';

export type Bibliography = Record<string, Reference>;
/** `[@key]` or several at once: `[@key1; @key2]`. */
const CITATION = /\[@([a-z0-9_]+(?:;\s*@[a-z0-9_]+)*)\]/g;
const keysOf = (group: string) => group.split(/;\s*@/);

export function citationsIn(text: string): string[] {
	return [...text.matchAll(CITATION)].flatMap((m) => keysOf(m[1] ?? ''));
}

function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** "'t Lam et al., 2018": the reference's own `cite` when given, else derived from the first author. */
export function shortCitation(ref: Reference): string {
	if (ref.cite) return ref.cite;
	if (!ref.authors) return `${ref.title ?? ''}, ${ref.year}`;
	const authors = Array.isArray(ref.authors) ? ref.authors : ref.authors.split(/,\s*(?=[A-Z'])|\s*&\s*|\s+and\s+|\s+en\s+/);
	const first = (authors[0] ?? '').split(',')[0]?.trim() ?? '';
	const more = authors.length > 2 ? ' et al.' : authors.length === 2 ? ` & ${(authors[1] ?? '').split(',')[0]?.trim()}` : '';
	return `${first}${more}, ${ref.year}`;
}

const marked = new Marked({ gfm: true, breaks: false });

/** Content is trusted (it comes from the repository); citations become links to the bibliography page. */
export function renderMarkdown(source: string, bibliography: Bibliography, inline = false): string {
	const withCitations = source.replace(CITATION, (whole, group: string) => {
		const keys = keysOf(group);
		if (keys.some((key) => !bibliography[key])) return whole;
		const links = keys.map((key) => `<a class="cite" href="/bronnen#${key}">${escapeHtml(shortCitation(bibliography[key]!))}</a>`);
		return `(${links.join('; ')})`;
	});
	if (inline) return marked.parseInline(withCitations) as string;
	// A wide table scrolls inside its own box on a phone instead of widening the page; the box takes focus so
	// keyboard users can scroll it too.
	return (marked.parse(withCitations) as string)
		.replaceAll('<table>', '<div class="table-scroll" tabindex="0"><table>')
		.replaceAll('</table>', '</table></div>');
}
