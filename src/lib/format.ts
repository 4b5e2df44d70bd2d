import { getLocale } from '$lib/paraglide/runtime';

const styles = {
	date: { day: 'numeric', month: 'long', year: 'numeric' },
	dateTime: { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' },
	time: { hour: '2-digit', minute: '2-digit' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

/** The installation's zone (TIME_ZONE), handed to the browser by the root layout; see $lib/server/time-zone. */
let timeZone = 'Europe/Amsterdam';
export function useTimeZone(zone: string): void {
	timeZone = zone;
}

/** Made once per language and style: a new Intl.DateTimeFormat per date cost the dashboard ~5% of its CPU time. */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Dates in the learner's language, the same on the server and in the browser (the installation's time zone). */
function format(iso: string | Date, style: keyof typeof styles): string {
	const locale = getLocale() === 'en' ? 'en-GB' : 'nl-NL';
	const key = `${locale} ${style} ${timeZone}`;
	let formatter = formatters.get(key);
	if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, { timeZone, ...styles[style] })));
	return formatter.format(new Date(iso));
}

export const dateText = (iso: string | Date) => format(iso, 'date');
export const dateTimeText = (iso: string | Date) => format(iso, 'dateTime');
export const timeText = (iso: string | Date) => format(iso, 'time');
