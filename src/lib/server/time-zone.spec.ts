import { afterEach, describe, expect, it } from 'vitest';
import { endOfDay, todayIn, zonedInstant } from './time-zone';
import { statusOf } from './supervision/assignments';

const serverZone = process.env.TZ;
afterEach(() => {
	if (serverZone === undefined) delete process.env.TZ;
	else process.env.TZ = serverZone;
});

const amsterdamDay = (at: Date) => new Intl.DateTimeFormat('nl-NL', { timeZone: 'Europe/Amsterdam', day: 'numeric', month: 'long' }).format(at);
const open = { submittedAt: null, reviewedAt: null };

// Node applies a new process.env.TZ to every Date made after it: these are the server's clock zones.
describe.each(['UTC', 'America/New_York', 'Asia/Tokyo'])('with the server clock in %s', (zone) => {
	it('a due date of 11 December ends at midnight in Amsterdam and reads "11 december"', () => {
		process.env.TZ = zone;
		const due = endOfDay('2026-12-11', 'Europe/Amsterdam')!;
		expect(due.toISOString()).toBe('2026-12-11T22:59:59.999Z');
		expect(amsterdamDay(due)).toBe('11 december');
	});

	it('the lateness rule: 23:30 Amsterdam time on the due day is on time, 00:01 the next day is late', () => {
		process.env.TZ = zone;
		const dueAt = endOfDay('2026-12-11', 'Europe/Amsterdam')!;
		expect(statusOf({ ...open, dueAt }, true, new Date('2026-12-11T22:30:00Z'))).toBe('in-progress');
		expect(statusOf({ ...open, dueAt }, true, new Date('2026-12-11T23:01:00Z'))).toBe('late');
	});

	it('summer time, and a zone west of UTC for the installation', () => {
		process.env.TZ = zone;
		expect(endOfDay('2026-06-30', 'Europe/Amsterdam')!.toISOString()).toBe('2026-06-30T21:59:59.999Z');
		expect(endOfDay('2026-12-11', 'America/New_York')!.toISOString()).toBe('2026-12-12T04:59:59.999Z');
	});

	it('meeting days: noon on the chosen day, and "today" is the installation\'s today', () => {
		process.env.TZ = zone;
		expect(zonedInstant('2026-12-11', [12, 0, 0, 0], 'Europe/Amsterdam')!.toISOString()).toBe('2026-12-11T11:00:00.000Z');
		expect(zonedInstant('2026-12-11', [12, 0, 0, 0], 'Pacific/Auckland')!.toISOString()).toBe('2026-12-10T23:00:00.000Z');
		expect(todayIn(new Date('2026-12-11T23:30:00Z'), 'Europe/Amsterdam')).toBe('2026-12-12');
		expect(todayIn(new Date('2026-12-12T03:00:00Z'), 'America/New_York')).toBe('2026-12-11');
	});
});

it('across the DST change: the last Sunday of March and of October end at midnight local time', () => {
	expect(endOfDay('2026-03-29', 'Europe/Amsterdam')!.toISOString()).toBe('2026-03-29T21:59:59.999Z');
	expect(endOfDay('2026-10-25', 'Europe/Amsterdam')!.toISOString()).toBe('2026-10-25T22:59:59.999Z');
});

it('refuses dates that do not exist', () => {
	expect(endOfDay('2026-02-30')).toBeNull();
	expect(endOfDay('11-12-2026')).toBeNull();
});
