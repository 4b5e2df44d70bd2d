/** The cohort table: trainees × modules with progress, and the status of each assignment. */
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Course, Locale } from '../content';
import type { Db } from '../db';
import { progress, reflections } from '../db/schema';
import { assignmentsOfCohort, type AssignmentStatus } from './assignments';
import { membersOf } from './cohorts';

export type SortKey = 'name' | 'progress' | `module:${string}`;

export async function cohortOverview(db: Db, course: Course, cohortId: string, sort: string, locale: Locale) {
	const members = await membersOf(db, cohortId);
	const ids = members.map((m) => m.id);
	const [done, assigned] = await Promise.all([
		ids.length
			? db
					.select({ learnerId: progress.learnerId, moduleId: progress.moduleId, n: count() })
					.from(progress)
					.where(and(inArray(progress.learnerId, ids), eq(progress.status, 'completed')))
					.groupBy(progress.learnerId, progress.moduleId)
			: [],
		assignmentsOfCohort(db, course, cohortId)
	]);
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
	// One collator for the whole sort: localeCompare with a locale builds one per comparison.
	const byName = new Intl.Collator(locale).compare;
	rows.sort((a, b) => {
		if (sort === 'progress') return b.doneTotal - a.doneTotal || byName(a.displayName, b.displayName);
		if (moduleIndex >= 0) return (b.perModule[moduleIndex] ?? 0) - (a.perModule[moduleIndex] ?? 0) || byName(a.displayName, b.displayName);
		return byName(a.displayName, b.displayName);
	});
	return { modules, rows, assignments: assigned };
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

/** Reflections a trainee shared with their supervisor(s), for the export's optional column. */
export async function sharedReflections(db: Db, learnerIds: string[]) {
	if (learnerIds.length === 0) return [];
	return db
		.select({ learnerId: reflections.learnerId, promptKey: reflections.promptKey, body: reflections.body })
		.from(reflections)
		.where(and(inArray(reflections.learnerId, learnerIds), eq(reflections.visibility, 'supervisor')));
}
