import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { shortCitation } from '$lib/server/content/markdown';
import { presentNorm } from '$lib/server/learning/present';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const locale = getLocale() as Locale;
	return {
		references: Object.entries(course.bibliography).map(([key, ref]) => ({
			key,
			// An unsigned source is listed by its title, as APA does; a work known only through another source names it.
			authors: Array.isArray(ref.authors) ? ref.authors.join(', ') : (ref.authors ?? null),
			year: String(ref.year),
			title: ref.title ?? null,
			citedIn: ref.citedIn && course.bibliography[ref.citedIn] ? { key: ref.citedIn, cite: shortCitation(course.bibliography[ref.citedIn]!) } : null,
			details: [ref.journal, ref.volume, ref.pages, ref.publisher].filter((x) => typeof x === 'string' || typeof x === 'number').join(', '),
			doi: typeof ref.doi === 'string' ? ref.doi : null,
			url: typeof ref.url === 'string' && /^https?:\/\//.test(ref.url) ? ref.url : null
		})),
		norms: Object.keys(course.norms).map((id) => presentNorm(course, id, locale)).filter((n) => n !== null)
	};
};
