/**
 * Everything the learner's dashboard reads, in one statement: progress, assignments and cohorts as
 * JSON arrays, with the practice (rung, due cards, drills done), the performance tests and whether the
 * final test is passed beside them, so the page costs one round trip after the session check, whatever the pool does.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { jsonArray } from '../db/json';
import { prepared } from '../db/prepared';
import {
	assignmentLearners,
	assignments,
	cohortMembers,
	cohorts,
	drillResponses,
	performanceTests,
	practiceCards,
	practiceLevels,
	progress,
	testAttempts,
	users,
	type TargetType
} from '../db/schema';
import type { PracticeRows } from '../practice/today';
import type { TestRow } from '../rating/performance';
import type { ProgressRow } from './progress';

export type DashboardAssignment = {
	id: number;
	targetType: TargetType;
	targetId: string;
	dueAt: Date;
	submittedAt: Date | null;
	reviewedAt: Date | null;
	hasFeedback: boolean;
	replied: boolean;
	supervisorName: string;
};
export type DashboardCohort = { id: string; name: string; supervisorName: string };
export type DashboardData = {
	progress: ProgressRow[];
	assignments: DashboardAssignment[];
	cohorts: DashboardCohort[];
	/** Issue 15: the learner's rung, the cards due at `now` and the drills answered. */
	practice: PracticeRows;
	/** Issue 16: the performance tests begun. */
	tests: TestRow[];
	/** Issue 17: whether a final-test attempt passed. */
	passed: boolean;
};

const date = (v: string | null) => (v === null ? null : new Date(v));

const dashboardQuery = prepared((db) =>
	db
		.select({
			progress: jsonArray<Omit<ProgressRow, 'updatedAt'> & { updatedAt: string }>(sql`
				select json_agg(json_build_object('itemId', ${progress.itemId}, 'moduleId', ${progress.moduleId}, 'status', ${progress.status}, 'updatedAt', ${progress.updatedAt}) order by ${progress.updatedAt} desc)
				from ${progress} where ${progress.learnerId} = ${sql.placeholder('learnerId')}`),
			assignments: jsonArray<
				Omit<DashboardAssignment, 'dueAt' | 'submittedAt' | 'reviewedAt'> & { dueAt: string; submittedAt: string | null; reviewedAt: string | null }
			>(sql`
				select json_agg(json_build_object(
					'id', ${assignments.id}, 'targetType', ${assignments.targetType}, 'targetId', ${assignments.targetId}, 'dueAt', ${assignments.dueAt},
					'submittedAt', ${assignmentLearners.submittedAt}, 'reviewedAt', ${assignmentLearners.reviewedAt},
					'hasFeedback', ${assignmentLearners.feedback} is not null, 'replied', ${assignmentLearners.reply} is not null,
					'supervisorName', supervisor.display_name) order by ${assignments.dueAt})
				from ${assignmentLearners}
				join ${assignments} on ${assignments.id} = ${assignmentLearners.assignmentId}
				join ${cohorts} on ${cohorts.id} = ${assignments.cohortId}
				join ${users} supervisor on supervisor.id = ${cohorts.supervisorId}
				where ${assignmentLearners.learnerId} = ${sql.placeholder('learnerId')}`),
			cohorts: jsonArray<DashboardCohort>(sql`
				select json_agg(json_build_object('id', ${cohorts.id}, 'name', ${cohorts.name}, 'supervisorName', supervisor.display_name) order by ${cohorts.name})
				from ${cohortMembers}
				join ${cohorts} on ${cohorts.id} = ${cohortMembers.cohortId}
				join ${users} supervisor on supervisor.id = ${cohorts.supervisorId}
				where ${cohortMembers.learnerId} = ${sql.placeholder('learnerId')}`),
			level: sql<number | null>`(select ${practiceLevels.level} from ${practiceLevels} where ${practiceLevels.learnerId} = ${sql.placeholder('learnerId')})`,
			due: jsonArray<{ drillId: string; due: string }>(sql`
				select json_agg(json_build_object('drillId', ${practiceCards.drillId}, 'due', ${practiceCards.due}) order by ${practiceCards.due})
				from ${practiceCards} where ${practiceCards.learnerId} = ${sql.placeholder('learnerId')} and ${practiceCards.due} <= ${sql.placeholder('now')}::timestamptz`),
			done: jsonArray<string>(sql`
				select json_agg(distinct ${drillResponses.drillId}) from ${drillResponses} where ${drillResponses.learnerId} = ${sql.placeholder('learnerId')}`),
			tests: jsonArray<Omit<TestRow, 'completedAt'> & { completedAt: string | null }>(sql`
				select json_agg(json_build_object('phase', ${performanceTests.phase}, 'completedAt', ${performanceTests.completedAt}))
				from ${performanceTests} where ${performanceTests.learnerId} = ${sql.placeholder('learnerId')}`),
			passed:
				sql<boolean>`exists (select 1 from ${testAttempts} where ${testAttempts.learnerId} = ${sql.placeholder('learnerId')} and ${testAttempts.passed})`.mapWith(
					Boolean
				)
		})
		.from(users)
		.where(eq(users.id, sql.placeholder('learnerId')))
		.prepare('learner_dashboard')
);

/** The dashboard's data for the learner, with the practice cards due at `now` (the practice clock). */
export async function learnerDashboard(db: Db, learnerId: string, now = new Date()): Promise<DashboardData> {
	const [row] = await dashboardQuery(db).execute({ learnerId, now: now.toISOString() });
	if (!row) return { progress: [], assignments: [], cohorts: [], practice: { level: 1, due: [], done: [] }, tests: [], passed: false };
	return {
		progress: row.progress.map((p) => ({ ...p, updatedAt: new Date(p.updatedAt) })),
		assignments: row.assignments.map((a) => ({ ...a, dueAt: new Date(a.dueAt), submittedAt: date(a.submittedAt), reviewedAt: date(a.reviewedAt) })),
		cohorts: row.cohorts,
		practice: { level: row.level ?? 1, due: row.due.map((d) => d.drillId), done: row.done },
		tests: row.tests.map((t) => ({ ...t, completedAt: date(t.completedAt) })),
		passed: row.passed
	};
}
