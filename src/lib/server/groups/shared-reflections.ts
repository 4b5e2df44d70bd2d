/**
 * Reflections on the group's case that members shared with this group, anonymous or named as each
 * chose. Every read of someone else's reflection asks the policy and lands in their access log.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db';
import { groupMembers, reflectionShares, reflections, users, type Group } from '../db/schema';
import type { Locale } from '../content';
import { logAccess } from '../audit';
import { canReadReflection } from '../policy';
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
		.where(and(eq(reflectionShares.groupId, group.id), eq(reflections.itemId, item.id), eq(reflections.visibility, 'group')))
		.orderBy(asc(reflections.updatedAt));
	const shown: SharedReflection[] = [];
	for (const { reflection, named, authorName } of rows) {
		if (!reflection.body.trim() || !(await canReadReflection(db, viewer, reflection))) continue;
		await logAccess(db, viewer, reflection.learnerId, [`reflection:${reflection.promptKey}`]);
		const mine = reflection.learnerId === viewer.id;
		shown.push({ id: reflection.id, promptHtml: prompts.get(reflection.promptKey) ?? '', body: reflection.body, authorName: named === 1 ? authorName : null, mine });
	}
	return shown;
}
