/**
 * The group's case, in one place: a vignette or quiz from the course that every member works alone before
 * the meeting. Which item it is, how the pages show it (the case at hand), the facilitator's choice of it,
 * and the thread key that the discussion and the meeting hang on it.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { groups, type Group } from '../db/schema';
import type { Course, Locale, Quiz, Vignette } from '../content';
import { targetKey } from '../content/build'; // not the content index: db:seed-demo runs under tsx, where its import.meta.glob does not exist
import { MIN_MEMBERS } from './groups';
import { todayIn, zonedInstant } from '../time-zone';

export type CaseItem = Vignette | Quiz;

export function caseItem(course: Course, group: Pick<Group, 'caseId'>): CaseItem | null {
	const item = group.caseId ? course.items.get(group.caseId) : undefined;
	return item && (item.type === 'vignette' || item.type === 'quiz') ? item : null;
}

/** The discussion thread and the meeting of a group belong to its current case: its id, or '' before one is chosen. */
export function threadCase(group: Pick<Group, 'caseId'>): string {
	return group.caseId ?? '';
}

/** `value` is the facilitator's choice as the form posts it ("vignette:<id>"). */
export type CaseAtHand = { value: string; type: CaseItem['type']; title: string; url: string; resultsUrl: string };

/** The group's case as its pages show it (group, discussion, meeting, results): what it is, its title and where to open it. */
export function caseAtHand(course: Course, group: Pick<Group, 'id' | 'caseId'>, locale: Locale): CaseAtHand | null {
	const item = caseItem(course, group);
	if (!item) return null;
	return {
		value: `${item.type}:${item.id}`,
		type: item.type,
		title: item.title[locale],
		url: `/modules/${item.moduleId}/${item.id}`,
		resultsUrl: `/groups/${group.id}/results`
	};
}

/** Every vignette and quiz, by module, as the facilitator's choice list shows them ("vignette:<id>"). */
export function caseChoices(course: Course, locale: Locale) {
	return course.modules
		.map((m) => ({
			module: m.title[locale],
			items: m.items
				.filter((i) => i.type === 'vignette' || i.type === 'quiz')
				.map((i) => ({ value: targetKey(i.type, i.id), title: i.title[locale], type: i.type }))
		}))
		.filter((m) => m.items.length > 0);
}

export type PickError = 'unknown-case' | 'bad-date' | 'date-in-past' | 'too-few-members';
export type PickInput = { target: string; meetingDate: string; members: number };

/** Meetings are days in the installation's zone: today counts, yesterday does not. Stored at noon there. */
function meetingDay(date: string, now: Date): Date | 'bad-date' | 'date-in-past' {
	const at = zonedInstant(date, [12, 0, 0, 0]);
	if (!at) return 'bad-date';
	return date < todayIn(now) ? 'date-in-past' : at;
}

/** Only the facilitator calls this (the route asks the policy); the meeting may be today, not earlier. */
export async function pickCase(
	db: Db,
	course: Course,
	group: Group,
	input: PickInput,
	now = new Date()
): Promise<{ ok: true } | { ok: false; error: PickError }> {
	if (input.members < MIN_MEMBERS) return { ok: false, error: 'too-few-members' };
	const [type, id] = input.target.split(':');
	const item = id ? course.items.get(id) : undefined;
	if (!item || item.type !== type || (item.type !== 'vignette' && item.type !== 'quiz')) return { ok: false, error: 'unknown-case' };
	const meetingAt = meetingDay(input.meetingDate, now);
	if (typeof meetingAt === 'string') return { ok: false, error: meetingAt };
	await db.update(groups).set({ caseType: item.type, caseId: item.id, meetingAt }).where(eq(groups.id, group.id));
	return { ok: true };
}
