import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { presentNorm } from '$lib/server/learning/present';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const locale = getLocale() as Locale;
	return {
		references: Object.entries(course.bibliography).map(([key, ref]) => ({
			key,
			authors: Array.isArray(ref.authors) ? ref.authors.join(', ') : ref.authors,
			year: String(ref.year),
			title: ref.title,
			details: [ref.journal, ref.volume, ref.pages, ref.publisher].filter((x) => typeof x === 'string' || typeof x === 'number').join(', '),
			doi: typeof ref.doi === 'string' ? ref.doi : null,
			url: typeof ref.url === 'string' && /^https?:\/\//.test(ref.url) ? ref.url : null
		})),
		norms: Object.keys(course.norms).map((id) => presentNorm(course, id, locale)).filter((n) => n !== null)
	};
};
