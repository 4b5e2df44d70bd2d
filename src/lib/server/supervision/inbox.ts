/**
 * A supervisor's to-do list across their cohorts: submitted work waiting for feedback, work past its
 * due date, and trainees' replies to feedback not read yet. One statement for every cohort, however many
 * trainees; what the supervisor may see is the policy's condition, not re-derived here.
 */
import { and, asc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { accessLog, assignmentLearners, assignments, cohorts, users } from '../db/schema';
import { workSupervisedBy } from '../policy';

export type InboxKind = 'waiting' | 'late' | 'reply';
export type InboxEntry = {
	kind: InboxKind;
	cohortId: string;
	cohortName: string;
	assignmentId: number;
	targetType: string;
	targetId: string;
	learnerId: string;
	learnerName: string;
	/** When it arrived: submitted, due or replied. */
	at: Date;
};
export type Inbox = {
	total: Record<InboxKind, number>;
	cohorts: { id: string; name: string; counts: Record<InboxKind, number>; entries: InboxEntry[] }[];
};

/**
 * A reply is read once the supervisor opened the submission after it came in: that read is in the
 * access log (`submission:<id>`), which the trainee sees too, so no separate "read" flag is kept.
 */
const replyUnread = (supervisorId: string) => sql`not exists (select 1 from ${accessLog}
	where ${accessLog.learnerId} = ${assignmentLearners.learnerId} and ${accessLog.viewerId} = ${supervisorId}
	and ${accessLog.what} = 'submission:' || ${assignmentLearners.assignmentId} and ${accessLog.at} >= ${assignmentLearners.repliedAt})`;

export async function inboxOf(db: Db, supervisorId: string, now = new Date()): Promise<Inbox> {
	const waiting = and(isNotNull(assignmentLearners.submittedAt), isNull(assignmentLearners.reviewedAt));
	const late = and(isNull(assignmentLearners.submittedAt), lt(assignments.dueAt, now));
	const reply = and(isNotNull(assignmentLearners.repliedAt), replyUnread(supervisorId));
	const rows = await db
		.select({
			waiting: sql<boolean>`coalesce(${waiting}, false)`,
			late: sql<boolean>`coalesce(${late}, false)`,
			cohortId: cohorts.id,
			cohortName: cohorts.name,
			assignmentId: assignments.id,
			targetType: assignments.targetType,
			targetId: assignments.targetId,
			dueAt: assignments.dueAt,
			submittedAt: assignmentLearners.submittedAt,
			repliedAt: assignmentLearners.repliedAt,
			learnerId: users.id,
			learnerName: users.displayName
		})
		.from(assignmentLearners)
		.innerJoin(assignments, eq(assignments.id, assignmentLearners.assignmentId))
		.innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
		.innerJoin(users, eq(users.id, assignmentLearners.learnerId))
		.where(and(workSupervisedBy(supervisorId), or(waiting, late, reply)))
		.orderBy(asc(cohorts.name), asc(cohorts.id), asc(assignments.dueAt), asc(users.displayName));
	const inbox: Inbox = { total: { waiting: 0, late: 0, reply: 0 }, cohorts: [] };
	for (const row of rows) {
		const kind: InboxKind = row.waiting ? 'waiting' : row.late ? 'late' : 'reply';
		const at = (kind === 'waiting' ? row.submittedAt : kind === 'reply' ? row.repliedAt : null) ?? row.dueAt;
		let cohort = inbox.cohorts.at(-1);
		if (cohort?.id !== row.cohortId) {
			cohort = { id: row.cohortId, name: row.cohortName, counts: { waiting: 0, late: 0, reply: 0 }, entries: [] };
			inbox.cohorts.push(cohort);
		}
		const { cohortId, cohortName, assignmentId, targetType, targetId, learnerId, learnerName } = row;
		cohort.entries.push({ kind, cohortId, cohortName, assignmentId, targetType, targetId, learnerId, learnerName, at });
		cohort.counts[kind]++;
		inbox.total[kind]++;
	}
	return inbox;
}
