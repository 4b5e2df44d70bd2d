import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const cite = (key: string) => {
		const ref = course.bibliography[key];
		return { key, label: typeof ref?.cite === 'string' ? ref.cite : key };
	};
	return {
		entries: course.glossary
			.map((e) => ({
				id: e.id,
				term: e.term[locale()],
				dutch: locale() === 'en' ? e.term.nl : null,
				definition: e.definition[locale()],
				sources: (e.sources ?? []).map(cite)
			}))
			.sort((a, b) => a.term.localeCompare(b.term, locale()))
	};
};
