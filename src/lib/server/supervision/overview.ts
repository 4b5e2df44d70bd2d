/** The cohort table: trainees × modules with progress, and the status of each assignment. */
import { and, inArray, sql } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Course, Locale } from '../content';
import type { Db } from '../db';
import { json } from '../db/json';
import { sharedWithSupervisor } from '../policy';
import { assignmentLearners, assignments, cohortMembers, progress, reflections, users, type Assignment } from '../db/schema';
import { statusOf, type AssignmentStatus } from './assignments';

export type SortKey = 'name' | 'progress' | `module:${string}` | `assignment:${number}`;

/** Sorting by an assignment puts those who need the supervisor first: late, then waiting for feedback. */
const statusRank: Record<AssignmentStatus, number> = { late: 0, submitted: 1, 'in-progress': 2, 'not-started': 3, reviewed: 4 };

type Stamp = string | null;
type Work = { assignmentId: number; learnerId: string; submittedAt: Stamp; reviewedAt: Stamp; touched: boolean };

/**
 * The cohort's members, completed items per module, assignments, their trainees and whether each trainee touched
 * the assignment's items, in one statement: the page costs the same round trips for 5 trainees or 500.
 * `moduleItems` (JSON: module id → its item ids) names what a module assignment covers, as the course says today.
 */
async function readCohort(db: Db, cohortId: string, moduleItems: string) {
	const targetItemIds = sql`case when ${assignments.targetType} = 'module' then ${moduleItems}::jsonb -> ${assignments.targetId} else jsonb_build_array(${assignments.targetId}) end`;
	const [row] = await db
		.select({
			members: json<{ id: string; displayName: string; email: string; joinedAt: string }[]>(
				sql`select json_agg(json_build_object('id', ${users.id}, 'displayName', ${users.displayName}, 'email', ${users.email}, 'joinedAt', ${cohortMembers.joinedAt}))
					from ${cohortMembers} join ${users} on ${users.id} = ${cohortMembers.learnerId} where ${cohortMembers.cohortId} = ${cohortId}`,
				'[]'
			),
			done: json<{ l: string; m: string; n: number }[]>(
				sql`select json_agg(json_build_object('l', d.learner_id, 'm', d.module_id, 'n', d.n)) from (
					select ${progress.learnerId} as learner_id, ${progress.moduleId} as module_id, count(*) as n from ${progress}
					where ${progress.status} = 'completed' and ${progress.learnerId} in (select ${cohortMembers.learnerId} from ${cohortMembers} where ${cohortMembers.cohortId} = ${cohortId})
					group by 1, 2) d`,
				'[]'
			),
			assignments: json<(Omit<Assignment, 'dueAt' | 'createdAt'> & { dueAt: string; createdAt: string })[]>(
				sql`select json_agg(json_build_object('id', ${assignments.id}, 'cohortId', ${assignments.cohortId}, 'targetType', ${assignments.targetType}, 'targetId', ${assignments.targetId},
					'dueAt', ${assignments.dueAt}, 'note', ${assignments.note}, 'createdAt', ${assignments.createdAt}) order by ${assignments.dueAt})
					from ${assignments} where ${assignments.cohortId} = ${cohortId}`,
				'[]'
			),
			// Touched: any progress on the assignment's items, which makes an open assignment "in progress".
			work: json<Work[]>(
				sql`select json_agg(json_build_object('assignmentId', ${assignmentLearners.assignmentId}, 'learnerId', ${assignmentLearners.learnerId},
					'submittedAt', ${assignmentLearners.submittedAt}, 'reviewedAt', ${assignmentLearners.reviewedAt},
					'touched', exists (select 1 from ${progress} where ${progress.learnerId} = ${assignmentLearners.learnerId}
						and ${progress.itemId} in (select jsonb_array_elements_text(${targetItemIds})))))
					from ${assignmentLearners} join ${assignments} on ${assignments.id} = ${assignmentLearners.assignmentId} where ${assignments.cohortId} = ${cohortId}`,
				'[]'
			)
		})
		.from(sql`(select 1) as one`);
	if (!row) throw new Error('cohort not read');
	return row;
}

const moduleItems = new WeakMap<Course, string>();
function moduleItemsOf(course: Course): string {
	let json = moduleItems.get(course);
	if (json === undefined) moduleItems.set(course, (json = JSON.stringify(Object.fromEntries(course.modules.map((m) => [m.id, m.items.map((i) => i.id)])))));
	return json;
}

export async function cohortOverview(db: Db, course: Course, cohortId: string, sort: string, locale: Locale) {
	const data = await readCohort(db, cohortId, moduleItemsOf(course));
	const members = data.members.map((m) => ({ ...m, joinedAt: new Date(m.joinedAt) }));
	const done = data.done.map((d) => ({ learnerId: d.l, moduleId: d.m, n: Number(d.n) }));
	const now = new Date();
	const assigned = data.assignments.map((a) => {
		const assignment: Assignment = { ...a, dueAt: new Date(a.dueAt), createdAt: new Date(a.createdAt) };
		return {
			assignment,
			learners: data.work
				.filter((w) => w.assignmentId === a.id)
				.map((w) => {
					const submittedAt = w.submittedAt === null ? null : new Date(w.submittedAt);
					const reviewedAt = w.reviewedAt === null ? null : new Date(w.reviewedAt);
					return { learnerId: w.learnerId, submittedAt, status: statusOf({ submittedAt, reviewedAt, dueAt: assignment.dueAt }, w.touched, now) };
				})
		};
	});
	const modules = course.modules.map((m) => ({ id: m.id, title: m.title[locale], total: m.items.length }));
	// Lookups by key, not by scanning: the table is trainees × modules × assignments (200 trainees in the benchmark).
	const doneBy = new Map(done.map((d) => [`${d.learnerId}\u0000${d.moduleId}`, d.n]));
	const statusBy = assigned.map((a) => ({ id: a.assignment.id, of: new Map(a.learners.map((l) => [l.learnerId, l.status])) }));
	const rows = members.map((member) => {
		const perModule = modules.map((m) => doneBy.get(`${member.id}\u0000${m.id}`) ?? 0);
		const statuses: Record<number, AssignmentStatus | null> = {};
		for (const a of statusBy) statuses[a.id] = a.of.get(member.id) ?? null;
		return { ...member, perModule, doneTotal: perModule.reduce((a, b) => a + b, 0), statuses };
	});
	const moduleIndex = sort.startsWith('module:') ? modules.findIndex((m) => `module:${m.id}` === sort) : -1;
	const assignmentId = assigned.find((a) => `assignment:${a.assignment.id}` === sort)?.assignment.id;
	const rank = (status: AssignmentStatus | null | undefined) => (status ? statusRank[status] : 5);
	// One collator for the whole sort: localeCompare with a locale builds one per comparison.
	const byName = new Intl.Collator(locale).compare;
	rows.sort((a, b) => {
		if (sort === 'progress') return b.doneTotal - a.doneTotal || byName(a.displayName, b.displayName);
		if (moduleIndex >= 0) return (b.perModule[moduleIndex] ?? 0) - (a.perModule[moduleIndex] ?? 0) || byName(a.displayName, b.displayName);
		if (assignmentId !== undefined) return rank(a.statuses[assignmentId]) - rank(b.statuses[assignmentId]) || byName(a.displayName, b.displayName);
		return byName(a.displayName, b.displayName);
	});
	// An unknown key (an old link, a typo) sorts by name, and the page says so.
	const known = sort === 'progress' || moduleIndex >= 0 || assignmentId !== undefined;
	return { modules, rows, assignments: assigned, sort: (known ? sort : 'name') as SortKey };
}

function csvCell(value: string | number): string {
	const text = String(value);
	// Quote always; neutralise spreadsheet formulas (=, +, -, @ at the start).
	const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
	return `"${safe.replace(/"/g, '""')}"`;
}

export function toCsv(rows: (string | number)[][]): string {
	return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** Of these trainees' reflections, those the policy lets this supervisor read as their supervisor: the export's optional column. */
export async function sharedReflections(db: Db, supervisor: SessionUser, learnerIds: string[]) {
	if (learnerIds.length === 0) return [];
	return db
		.select({ learnerId: reflections.learnerId, promptKey: reflections.promptKey, body: reflections.body })
		.from(reflections)
		.where(and(inArray(reflections.learnerId, learnerIds), sharedWithSupervisor(supervisor)));
}
