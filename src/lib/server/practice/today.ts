/** What a learner practises today: the drills due again (FSRS), the next new drill on their rung, and the ladder. */
import { and, eq, lte } from 'drizzle-orm';
import type { Db } from '../db';
import { drillResponses, practiceCards } from '../db/schema';
import type { Drill } from '../content';
import { levelOf } from './responses';

export type DrillMark = { done: boolean; due: boolean };

/** What the learner's practice is read from: the rung (1 before any), the drills due (earliest first) and the drills answered. */
export type PracticeRows = { level: number; due: string[]; done: string[] };

/** The learner's practice at `now`: rung, due drills (earliest first), the next drill and a mark per drill. */
export async function practiceToday(db: Db, learnerId: string, drills: Drill[], now: Date) {
	const [level, dueRows, doneRows] = await Promise.all([
		levelOf(db, learnerId),
		db
			.select({ drillId: practiceCards.drillId, due: practiceCards.due })
			.from(practiceCards)
			.where(and(eq(practiceCards.learnerId, learnerId), lte(practiceCards.due, now)))
			.orderBy(practiceCards.due),
		db.selectDistinct({ drillId: drillResponses.drillId }).from(drillResponses).where(eq(drillResponses.learnerId, learnerId))
	]);
	return practiceOf({ level, due: dueRows.map((r) => r.drillId), done: doneRows.map((r) => r.drillId) }, drills);
}

/** The practice of these rows (practiceToday reads them; the dashboard reads them in its one statement). */
export function practiceOf(rows: PracticeRows, drills: Drill[]) {
	const practice = drills.filter((d) => d.pool === 'practice');
	const { level } = rows;
	const done = new Set(rows.done);
	const dueIds = rows.due;
	const due = dueIds.flatMap((id) => practice.filter((d) => d.id === id));
	const next = practice.find((d) => d.level === level && !done.has(d.id)) ?? null;
	const marks = new Map<string, DrillMark>(practice.map((d) => [d.id, { done: done.has(d.id), due: dueIds.includes(d.id) }]));
	return { level, due, next, marks, count: due.length + (next ? 1 : 0) };
}
export type PracticeToday = ReturnType<typeof practiceOf>;
