import { getLocale } from '$lib/paraglide/runtime';
import { aboutCourse } from '$lib/server/about';
import type { Locale } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const locale = getLocale() as Locale;
	const about = aboutCourse(locale);
	const date = about.updated ? new Date(`${about.updated}T00:00:00Z`) : null;
	return {
		...about,
		updatedLabel: date ? new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(date) : null
	};
};
