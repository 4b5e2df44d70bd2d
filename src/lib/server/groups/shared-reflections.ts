/**
 * Reflections on the group's case that members shared with this group, anonymous or named as each
 * chose. The policy's condition picks what the viewer may read, and every read of someone else's
 * reflection lands in their access log.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db';
import { groupMembers, reflectionShares, reflections, users, type Group } from '../db/schema';
import type { Locale } from '../content';
import { logReads } from '../audit';
import { readableBy } from '../policy';
import type { CaseItem } from './case';

export type SharedReflection = { id: number; promptHtml: string; body: string; authorName: string | null; mine: boolean };

export async function sharedReflections(db: Db, group: Group, item: CaseItem, viewer: SessionUser, locale: Locale): Promise<SharedReflection[]> {
	const prompts = new Map(item.prompts.map((p) => [p.key, p.html[locale]]));
	const rows = await db
		.select({ reflection: reflections, named: reflectionShares.named, authorName: users.displayName })
		.from(reflectionShares)
		.innerJoin(reflections, eq(reflections.id, reflectionShares.reflectionId))
		.innerJoin(groupMembers, and(eq(groupMembers.groupId, reflectionShares.groupId), eq(groupMembers.memberId, reflections.learnerId)))
		.innerJoin(users, eq(users.id, reflections.learnerId))
		.where(and(eq(reflectionShares.groupId, group.id), eq(reflections.itemId, item.id), eq(reflections.visibility, 'group'), readableBy(viewer)))
		.orderBy(asc(reflections.updatedAt));
	const shown = rows.filter(({ reflection }) => reflection.body.trim());
	await logReads(
		db,
		viewer,
		shown.map(({ reflection }) => ({ learnerId: reflection.learnerId, what: `reflection:${reflection.promptKey}` }))
	);
	return shown.map(({ reflection, named, authorName }) => ({
		id: reflection.id,
		promptHtml: prompts.get(reflection.promptKey) ?? '',
		body: reflection.body,
		authorName: named ? authorName : null,
		mine: reflection.learnerId === viewer.id
	}));
}
