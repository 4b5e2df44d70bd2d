/**
 * Everything the learner's dashboard reads, in one statement: progress, assignments and cohorts as
 * three JSON arrays, so the page costs one round trip after the session check, whatever the pool does.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { jsonArray } from '../db/json';
import { prepared } from '../db/prepared';
import { assignmentLearners, assignments, cohortMembers, cohorts, progress, users, type TargetType } from '../db/schema';
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
export type DashboardData = { progress: ProgressRow[]; assignments: DashboardAssignment[]; cohorts: DashboardCohort[] };

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
				where ${cohortMembers.learnerId} = ${sql.placeholder('learnerId')}`)
		})
		.from(users)
		.where(eq(users.id, sql.placeholder('learnerId')))
		.prepare('learner_dashboard')
);

export async function learnerDashboard(db: Db, learnerId: string): Promise<DashboardData> {
	const [row] = await dashboardQuery(db).execute({ learnerId });
	if (!row) return { progress: [], assignments: [], cohorts: [] };
	return {
		progress: row.progress.map((p) => ({ ...p, updatedAt: new Date(p.updatedAt) })),
		assignments: row.assignments.map((a) => ({ ...a, dueAt: new Date(a.dueAt), submittedAt: date(a.submittedAt), reviewedAt: date(a.reviewedAt) })),
		cohorts: row.cohorts
	};
}
