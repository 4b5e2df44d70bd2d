/**
 * The installation's time zone: the day a supervisor or facilitator picks in a date field is a day
 * there, whatever zone the server's clock runs in (often UTC).
 */
export const DEFAULT_TIME_ZONE = 'Europe/Amsterdam';

/** TIME_ZONE from the environment, checked once at start: a typo would otherwise shift every due date. */
export const TIME_ZONE = validTimeZone(process.env.TIME_ZONE || DEFAULT_TIME_ZONE);

function validTimeZone(zone: string): string {
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
	} catch {
		throw new Error(`TIME_ZONE=${zone} is not a time zone Intl knows (use an IANA name such as Europe/Amsterdam)`);
	}
}

const partsFormats = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, zone: string): number {
	let format = partsFormats.get(zone);
	if (!format) {
		format = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		partsFormats.set(zone, format);
	}
	const part = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, Number(p.value)]));
	const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
	return wall - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the zone's clock shows `date` (YYYY-MM-DD) at the given time, or null for no such date. */
export function zonedInstant(date: string, [hour, minute, second, ms]: [number, number, number, number], zone = TIME_ZONE): Date | null {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
	if (!match) return null;
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
	const wall = Date.UTC(year, month - 1, day, hour, minute, second, ms);
	if (new Date(wall).toISOString().slice(0, 10) !== date) return null; // 2026-02-30 and the like
	// The offset at the guess, then again at the result: the two differ only across a DST change.
	const guess = wall - offsetAt(wall, zone);
	return new Date(wall - offsetAt(guess, zone));
}

/** The end of the chosen day in the installation's zone, so that "due on the 11th" includes all of the 11th there. */
export const endOfDay = (date: string, zone = TIME_ZONE) => zonedInstant(date, [23, 59, 59, 999], zone);

/** Today's date (YYYY-MM-DD) in the installation's zone. */
export const todayIn = (now: Date, zone = TIME_ZONE) => new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(now);
