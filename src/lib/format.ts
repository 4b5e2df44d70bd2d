import { getLocale } from '$lib/paraglide/runtime';

/** Dates in the learner's language, the same on the server and in the browser (Amsterdam time). */
function format(iso: string | Date, options: Intl.DateTimeFormatOptions): string {
	const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
	return new Intl.DateTimeFormat(locale, { timeZone: 'Europe/Amsterdam', ...options }).format(new Date(iso));
}

export const dateText = (iso: string | Date) => format(iso, { day: 'numeric', month: 'long', year: 'numeric' });
export const dateTimeText = (iso: string | Date) => format(iso, { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
export const timeText = (iso: string | Date) => format(iso, { hour: '2-digit', minute: '2-digit' });
