/** The bibliography as an APA-like literature list: sorted by first author, then year, then title. */
import { shortCitation, type Bibliography } from './markdown';

export type FormattedReference = {
	key: string;
	authors: string;
	year: string;
	/** Empty for a work known only as cited in another source (`citedIn`). */
	title: string;
	/** The source that cites a work that could not be identified itself (APA's secondary citation). */
	citedIn: { key: string; cite: string } | null;
	/** Journal, volume and pages, or the publisher: what follows the title. */
	source: string;
	doi: string | null;
	url: string | null;
};

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' ? String(v) : null);

/** APA joins authors with commas and an ampersand before the last. */
export function authorList(authors: string | string[]): string {
	if (!Array.isArray(authors)) return authors;
	if (authors.length <= 1) return authors.join('');
	return `${authors.slice(0, -1).join(', ')}, & ${authors.at(-1)}`;
}

/** 't Lam files under L, as Dutch lists do; quotes and case do not count. */
function sortKey(authors: string): string {
	return authors
		.toLowerCase()
		.replace(/^['’‘"]?t\s+/, '')
		.replace(/^[^a-z\u00c0-\u024f]+/, '');
}

/** The course's bibliography is read once and never changes, so its list is formatted once. */
const formatted = new WeakMap<Bibliography, FormattedReference[]>();

export function formatReferences(bibliography: Bibliography): FormattedReference[] {
	let list = formatted.get(bibliography);
	if (!list) formatted.set(bibliography, (list = format(bibliography)));
	return list;
}

function format(bibliography: Bibliography): FormattedReference[] {
	return Object.entries(bibliography)
		.map(([key, ref]) => {
			const r = ref as Record<string, unknown>;
			const journal = str(r.journal);
			const volume = str(r.volume);
			const pages = str(r.pages);
			const source = journal ? [journal, volume, pages].filter(Boolean).join(', ') : (str(r.publisher) ?? '');
			const url = str(r.url);
			const citing = ref.citedIn ? bibliography[ref.citedIn] : undefined;
			return {
				key,
				// APA puts the title in the author's place when a source names no author.
				authors: ref.authors ? authorList(ref.authors) : (ref.title ?? key),
				year: String(ref.year),
				title: ref.authors ? (ref.title ?? '') : '',
				citedIn: ref.citedIn && citing ? { key: ref.citedIn, cite: shortCitation(citing) } : null,
				source,
				doi: str(r.doi),
				url: url && /^https?:\/\//.test(url) ? url : null
			};
		})
		.sort((a, b) => sortKey(a.authors).localeCompare(sortKey(b.authors), 'nl') || a.year.localeCompare(b.year) || a.title.localeCompare(b.title, 'nl'));
}
