/** The access log as the learner reads it: who, which of their items (by title), and when. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { assignmentLearners, assignments } from '../db/schema';
import { accessLogOf } from '../audit';
import { course, type Locale } from '../content';
import { reflectionKeysOf } from '../learning/present';
import { TIME_ZONE } from '../time-zone';

export type AccessEntry = { viewer: string; kind: 'reflection' | 'submission' | 'other'; title: string; inExport: boolean; at: string; when: string };

type Titles = Map<string, { nl: string; en: string }>;
let reflectionTitles: Titles | undefined;
let targetTitles: Titles | undefined;

/** Reflection prompt key -> the title of the course item it belongs to; a module or item id -> its title. */
function titles() {
	reflectionTitles ??= new Map([...course.items.values()].flatMap((item) => reflectionKeysOf(item).map((key) => [key, item.title] as const)));
	targetTitles ??= new Map([...course.modules.map((m) => [m.id, m.title] as const), ...[...course.items.values()].map((i) => [i.id, i.title] as const)]);
	return { reflectionTitles, targetTitles };
}

/** Entries read "reflection:<prompt key>", "submission:<assignment id>", optionally with " (export)"; anything else is shown as it is. */
export function parseAccess(what: string): { kind: AccessEntry['kind']; id: string; inExport: boolean } {
	const match = /^(reflection|submission):(\S+)( \(export\))?$/.exec(what);
	if (!match) return { kind: 'other', id: what, inExport: false };
	return { kind: match[1] as 'reflection' | 'submission', id: match[2] ?? '', inExport: match[3] !== undefined };
}

/** The course item or module each of this learner's assignments is about. */
async function assignmentTargets(db: Db, learnerId: string, ids: number[]): Promise<Map<string, string>> {
	if (ids.length === 0) return new Map();
	const rows = await db
		.select({ id: assignments.id, targetId: assignments.targetId })
		.from(assignments)
		.innerJoin(assignmentLearners, eq(assignmentLearners.assignmentId, assignments.id))
		.where(and(eq(assignmentLearners.learnerId, learnerId), inArray(assignments.id, ids)));
	return new Map(rows.map((r) => [String(r.id), r.targetId]));
}

export async function accessLogView(db: Db, learnerId: string, locale: Locale): Promise<AccessEntry[]> {
	const format = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'nl-NL', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
	const rows = (await accessLogOf(db, learnerId)).map((r) => ({ ...r, ...parseAccess(r.what) }));
	const submissionIds = [...new Set(rows.filter((r) => r.kind === 'submission').map((r) => Number(r.id)).filter(Number.isSafeInteger))];
	const targets = await assignmentTargets(db, learnerId, submissionIds);
	const { reflectionTitles, targetTitles } = titles();
	const titleOf = (kind: AccessEntry['kind'], id: string) => {
		if (kind === 'reflection') return reflectionTitles.get(id)?.[locale] ?? '';
		if (kind === 'submission') return targetTitles.get(targets.get(id) ?? '')?.[locale] ?? '';
		return id;
	};
	return rows.map((r) => ({ viewer: r.viewerName, kind: r.kind, title: titleOf(r.kind, r.id), inExport: r.inExport, at: r.at.toISOString(), when: format.format(r.at) }));
}
