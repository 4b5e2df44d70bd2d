/** The access log as the learner reads it: who, which of their items (by title), and when. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { assignmentLearners, assignments } from '../db/schema';
import { accessLogOf } from '../audit';
import { course, findTarget, type L, type Locale } from '../content';
import { INTL_LOCALE } from '../content/locales';
import { TIME_ZONE } from '../time-zone';

export type AccessEntry = { viewer: string; kind: 'reflection' | 'submission' | 'other'; title: string; inExport: boolean; at: string; when: string };

let reflectionTitles: Map<string, L> | undefined;

/** Reflection prompt key -> the title of the course item it belongs to. */
function titleOfPrompt(key: string): L | undefined {
	reflectionTitles ??= new Map([...course.items.values()].flatMap((item) => item.prompts.map((p) => [p.key, item.title] as const)));
	return reflectionTitles.get(key);
}

/** Entries read "reflection:<prompt key>", "submission:<assignment id>", optionally with " (export)"; anything else is shown as it is. */
export function parseAccess(what: string): { kind: AccessEntry['kind']; id: string; inExport: boolean } {
	const match = /^(reflection|submission):(\S+)( \(export\))?$/.exec(what);
	if (!match) return { kind: 'other', id: what, inExport: false };
	return { kind: match[1] as 'reflection' | 'submission', id: match[2] ?? '', inExport: match[3] !== undefined };
}

/** The title of the course item or module each of this learner's assignments is about. */
async function assignmentTargets(db: Db, learnerId: string, ids: number[]): Promise<Map<string, L | undefined>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: assignments.id, targetType: assignments.targetType, targetId: assignments.targetId })
		.from(assignments)
		.innerJoin(assignmentLearners, eq(assignmentLearners.assignmentId, assignments.id))
		.where(and(eq(assignmentLearners.learnerId, learnerId), inArray(assignments.id, ids)));
	return new Map(rows.map((r) => [String(r.id), findTarget(r.targetType, r.targetId)?.title]));
}

export async function accessLogView(db: Db, learnerId: string, locale: Locale): Promise<AccessEntry[]> {
	const format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
	const rows = (await accessLogOf(db, learnerId)).map((r) => ({ ...r, ...parseAccess(r.what) }));
	const submissionIds = [
		...new Set(
			rows
				.filter((r) => r.kind === 'submission')
				.map((r) => Number(r.id))
				.filter(Number.isSafeInteger)
		)
	];
	const targets = await assignmentTargets(db, learnerId, submissionIds);
	const titleOf = (kind: AccessEntry['kind'], id: string) => {
		if (kind === 'reflection') return titleOfPrompt(id)?.[locale] ?? '';
		if (kind === 'submission') return targets.get(id)?.[locale] ?? '';
		return id;
	};
	return rows.map((r) => ({
		viewer: r.viewerName,
		kind: r.kind,
		title: titleOf(r.kind, r.id),
		inExport: r.inExport,
		at: r.at.toISOString(),
		when: format.format(r.at)
	}));
}
