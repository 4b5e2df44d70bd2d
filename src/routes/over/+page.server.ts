import { locale } from '$lib/locale';
import { aboutCourse } from '$lib/server/about';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const about = aboutCourse(locale());
	const date = about.updated ? new Date(`${about.updated}T00:00:00Z`) : null;
	return {
		...about,
		updatedLabel: date ? new Intl.DateTimeFormat(locale() === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date) : null
	};
};
