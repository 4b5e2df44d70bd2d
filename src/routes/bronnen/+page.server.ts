import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { formatReferences } from '$lib/server/content/references';
import { presentNorm } from '$lib/server/learning/present';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const locale = getLocale() as Locale;
	return {
		references: formatReferences(course.bibliography),
		norms: Object.keys(course.norms).map((id) => presentNorm(course, id, locale)).filter((n) => n !== null)
	};
};
