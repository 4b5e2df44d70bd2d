import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { formatReferences } from '$lib/server/content/references';
import { presentNorm } from '$lib/server/learning/present';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	return {
		references: formatReferences(course.bibliography),
		norms: Object.keys(course.norms)
			.map((id) => presentNorm(course, id, locale()))
			.filter((n) => n !== null)
	};
};
