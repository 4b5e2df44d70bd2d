import { and, asc, eq, inArray, isNull, isNotNull } from 'drizzle-orm';
import type { Course, Locale } from '../content';
import type { Db } from '../db';
import { assignmentLearners, assignments, cohortMembers, cohorts, progress, users, type TargetType } from '../db/schema';
import { buildSnapshot, targetItems } from './snapshot';

export type AssignmentStatus = 'not-started' | 'in-progress' | 'submitted' | 'late' | 'reviewed';

export function statusOf(row: { submittedAt: Date | null; reviewedAt: Date | null; dueAt: Date }, touched: boolean, now = new Date()): AssignmentStatus {
	if (row.reviewedAt) return 'reviewed';
	if (row.submittedAt) return 'submitted';
	if (row.dueAt.getTime() < now.getTime()) return 'late';
	return touched ? 'in-progress' : 'not-started';
}

export type NewAssignment = { cohortId: string; targetType: TargetType; targetId: string; dueAt: Date; note: string; learnerIds: string[] | 'all' };
export type CreateResult = { ok: true; id: number } | { ok: false; error: 'unknown-target' | 'due-in-past' | 'unknown-trainee' | 'no-trainees' };

export async function createAssignment(db: Db, course: Course, input: NewAssignment, now = new Date()): Promise<CreateResult> {
	if (targetItems(course, input.targetType, input.targetId).length === 0) return { ok: false, error: 'unknown-target' };
	if (input.dueAt.getTime() <= now.getTime()) return { ok: false, error: 'due-in-past' };
	const members = (await db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, input.cohortId))).map((m) => m.id);
	const learners = input.learnerIds === 'all' ? members : [...new Set(input.learnerIds)];
	if (learners.some((id) => !members.includes(id))) return { ok: false, error: 'unknown-trainee' };
	if (learners.length === 0) return { ok: false, error: 'no-trainees' };
	return db.transaction(async (tx) => {
		const [row] = await tx
			.insert(assignments)
			.values({ cohortId: input.cohortId, targetType: input.targetType, targetId: input.targetId, dueAt: input.dueAt, note: input.note.trim() })
			.returning({ id: assignments.id });
		if (!row) throw new Error('assignment not created');
		await tx.insert(assignmentLearners).values(learners.map((learnerId) => ({ assignmentId: row.id, learnerId })));
		return { ok: true as const, id: row.id };
	});
}

/** Whether the learner has done anything on the assignment's items. */
export function touchedBy(course: Course, rows: { itemId: string }[], targetType: string, targetId: string): boolean {
	const ids = new Set(targetItems(course, targetType, targetId).map((i) => i.id));
	return rows.some((r) => ids.has(r.itemId));
}

/** Whether every item of the assignment is completed, so that only submitting is left. */
export function readyToSubmit(course: Course, rows: { itemId: string; status: string }[], targetType: string, targetId: string): boolean {
	const done = new Set(rows.filter((r) => r.status === 'completed').map((r) => r.itemId));
	const items = targetItems(course, targetType, targetId);
	return items.length > 0 && items.every((i) => done.has(i.id));
}

/** A learner's assignments, soonest due first, with their status. */
export async function assignmentsOfLearner(db: Db, course: Course, learnerId: string, now = new Date()) {
	const [rows, touched] = await Promise.all([
		db
			.select({ assignment: assignments, work: assignmentLearners, cohortName: cohorts.name, supervisorName: users.displayName })
			.from(assignmentLearners)
			.innerJoin(assignments, eq(assignments.id, assignmentLearners.assignmentId))
			.innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
			.innerJoin(users, eq(users.id, cohorts.supervisorId))
			.where(eq(assignmentLearners.learnerId, learnerId))
			.orderBy(asc(assignments.dueAt)),
		db.select({ itemId: progress.itemId }).from(progress).where(eq(progress.learnerId, learnerId))
	]);
	return rows.map((r) => ({
		...r,
		status: statusOf({ ...r.work, dueAt: r.assignment.dueAt }, touchedBy(course, touched, r.assignment.targetType, r.assignment.targetId), now)
	}));
}

/** Every assignment of a cohort with the status per trainee: one query for the rows, one for progress. */
export async function assignmentsOfCohort(db: Db, course: Course, cohortId: string, now = new Date()) {
	const list = await db.select().from(assignments).where(eq(assignments.cohortId, cohortId)).orderBy(asc(assignments.dueAt));
	if (list.length === 0) return [];
	const work = await db
		.select()
		.from(assignmentLearners)
		.where(
			inArray(
				assignmentLearners.assignmentId,
				list.map((a) => a.id)
			)
		);
	const learnerIds = [...new Set(work.map((w) => w.learnerId))];
	const touched = learnerIds.length
		? await db.select({ learnerId: progress.learnerId, itemId: progress.itemId }).from(progress).where(inArray(progress.learnerId, learnerIds))
		: [];
	// Grouped once per learner and per assignment, not scanned per (assignment, learner) pair.
	const itemsOf = new Map<string, Set<string>>();
	for (const t of touched) {
		let items = itemsOf.get(t.learnerId);
		if (!items) itemsOf.set(t.learnerId, (items = new Set()));
		items.add(t.itemId);
	}
	return list.map((a) => {
		const targets = targetItems(course, a.targetType, a.targetId).map((i) => i.id);
		const touches = (learnerId: string) => {
			const items = itemsOf.get(learnerId);
			return items !== undefined && targets.some((id) => items.has(id));
		};
		return {
			assignment: a,
			learners: work
				.filter((w) => w.assignmentId === a.id)
				.map((w) => ({ learnerId: w.learnerId, submittedAt: w.submittedAt, status: statusOf({ ...w, dueAt: a.dueAt }, touches(w.learnerId), now) }))
		};
	});
}

export async function assignmentForLearner(db: Db, assignmentId: number, learnerId: string) {
	const [row] = await db
		.select({ assignment: assignments, work: assignmentLearners, cohortName: cohorts.name, supervisorName: users.displayName })
		.from(assignmentLearners)
		.innerJoin(assignments, eq(assignments.id, assignmentLearners.assignmentId))
		.innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
		.innerJoin(users, eq(users.id, cohorts.supervisorId))
		.where(and(eq(assignmentLearners.assignmentId, assignmentId), eq(assignmentLearners.learnerId, learnerId)));
	return row;
}

/** Freezes the learner's work as submitted. Returns false when it had been submitted already. */
export async function submitAssignment(db: Db, course: Course, assignmentId: number, learnerId: string, locale: Locale): Promise<boolean> {
	const row = await assignmentForLearner(db, assignmentId, learnerId);
	if (!row || row.work.submittedAt) return false;
	const snapshot = await buildSnapshot(db, course, learnerId, row.assignment.targetType, row.assignment.targetId, locale);
	const updated = await db
		.update(assignmentLearners)
		.set({ submittedAt: new Date(), snapshot })
		.where(and(eq(assignmentLearners.assignmentId, assignmentId), eq(assignmentLearners.learnerId, learnerId), isNull(assignmentLearners.submittedAt)))
		.returning({ id: assignmentLearners.assignmentId });
	return updated.length > 0;
}

/** Feedback only on submitted work; saving it marks the work reviewed. */
export async function reviewSubmission(db: Db, assignmentId: number, learnerId: string, feedback: string): Promise<boolean> {
	const rows = await db
		.update(assignmentLearners)
		.set({ feedback: feedback.trim(), reviewedAt: new Date() })
		.where(and(eq(assignmentLearners.assignmentId, assignmentId), eq(assignmentLearners.learnerId, learnerId), isNotNull(assignmentLearners.submittedAt)))
		.returning({ id: assignmentLearners.assignmentId });
	return rows.length > 0;
}

/** The trainee answers the feedback once. */
export async function replyToFeedback(db: Db, assignmentId: number, learnerId: string, reply: string): Promise<boolean> {
	const rows = await db
		.update(assignmentLearners)
		.set({ reply: reply.trim(), repliedAt: new Date() })
		.where(
			and(
				eq(assignmentLearners.assignmentId, assignmentId),
				eq(assignmentLearners.learnerId, learnerId),
				isNotNull(assignmentLearners.reviewedAt),
				isNull(assignmentLearners.repliedAt)
			)
		)
		.returning({ id: assignmentLearners.assignmentId });
	return rows.length > 0;
}
