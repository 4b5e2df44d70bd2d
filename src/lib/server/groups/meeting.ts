/**
 * The group's meeting about its case, following the incident method phase by phase, with a time
 * box per phase and the facilitator's notes per phase. Only the facilitator moves the meeting on
 * and writes notes; every member reads them, during the meeting and afterwards.
 */
import { and, eq, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db';
import { groupMeetings, PHASES, users, type Group, type Phase } from '../db/schema';
import { isFacilitator } from '../policy';
import { threadCase } from './case';

export { PHASES, type Phase } from '../db/schema';
/** Before the facilitator starts, and after the last phase. */
export type Stage = 'waiting' | Phase | 'done';
const STAGES: readonly Stage[] = ['waiting', ...PHASES, 'done'];

export const TIME_BOX_MINUTES: Record<Phase, number> = { choose: 10, present: 10, clarify: 15, analyse: 20, advise: 20, evaluate: 10 };
export const NOTES_MAX = 10_000;

export type MeetingState = { stage: Stage; phaseStartedAt: Date | null; notes: Partial<Record<Phase, string>> };
export type MeetingError = 'not-facilitator' | 'stale' | 'unknown-phase' | 'too-long' | 'not-started';
export type MeetingResult = { ok: true } | { ok: false; error: MeetingError };

export function isPhase(value: unknown): value is Phase {
	return typeof value === 'string' && (PHASES as readonly string[]).includes(value);
}

function isStage(value: unknown): value is Stage {
	return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

const thisMeeting = (group: Group) => and(eq(groupMeetings.groupId, group.id), eq(groupMeetings.caseId, threadCase(group)));

export async function meetingOf(db: Db, group: Group): Promise<MeetingState> {
	const [row] = await db.select().from(groupMeetings).where(thisMeeting(group));
	if (!row) return { stage: 'waiting', phaseStartedAt: null, notes: {} };
	const notes = Object.fromEntries(Object.entries(row.notes).filter(([phase]) => isPhase(phase)));
	return { stage: row.phase, phaseStartedAt: row.phaseStartedAt, notes };
}

/**
 * Moves the meeting one stage on or back from `from`, the stage the facilitator saw: a second
 * click from a stale tab changes nothing instead of skipping a phase.
 */
export async function moveMeeting(db: Db, group: Group, user: SessionUser, from: unknown, direction: 'next' | 'previous'): Promise<MeetingResult> {
	if (!isFacilitator(group, user)) return { ok: false, error: 'not-facilitator' };
	if (!isStage(from)) return { ok: false, error: 'stale' };
	const to = STAGES[STAGES.indexOf(from) + (direction === 'next' ? 1 : -1)];
	if (!to || to === 'waiting') return { ok: false, error: 'stale' };
	const now = new Date();
	if (from === 'waiting') {
		const started = await db
			.insert(groupMeetings)
			.values({ groupId: group.id, caseId: threadCase(group), phase: to, phaseStartedAt: now, updatedAt: now })
			.onConflictDoNothing()
			.returning({ phase: groupMeetings.phase });
		return started.length > 0 ? { ok: true } : { ok: false, error: 'stale' };
	}
	const moved = await db
		.update(groupMeetings)
		.set({ phase: to, phaseStartedAt: now, updatedAt: now })
		.where(and(thisMeeting(group), eq(groupMeetings.phase, from)))
		.returning({ phase: groupMeetings.phase });
	return moved.length > 0 ? { ok: true } : { ok: false, error: 'stale' };
}

/** Saves the notes of one phase; the other phases' notes stay as they are. */
export async function saveNotes(db: Db, group: Group, user: SessionUser, phase: unknown, rawText: unknown): Promise<MeetingResult> {
	if (!isFacilitator(group, user)) return { ok: false, error: 'not-facilitator' };
	if (!isPhase(phase)) return { ok: false, error: 'unknown-phase' };
	const text = typeof rawText === 'string' ? rawText.replace(/\r\n?/g, '\n').trimEnd() : '';
	if (text.length > NOTES_MAX) return { ok: false, error: 'too-long' };
	const saved = await db
		.update(groupMeetings)
		.set({ notes: sql`${groupMeetings.notes} || ${JSON.stringify({ [phase]: text })}::jsonb`, updatedAt: new Date() })
		.where(thisMeeting(group))
		.returning({ phase: groupMeetings.phase });
	return saved.length > 0 ? { ok: true } : { ok: false, error: 'not-started' };
}

export async function facilitatorName(db: Db, group: Group): Promise<string | null> {
	if (!group.facilitatorId) return null;
	const [row] = await db.select({ name: users.displayName }).from(users).where(eq(users.id, group.facilitatorId));
	return row?.name ?? null;
}
