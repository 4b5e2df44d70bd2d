import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { reflections, type Reflection } from '../db/schema';
import type { Item } from '../content';
import { touchItem } from './progress';

export const REFLECTION_MAX = 10_000;

export async function reflectionsOf(db: Db, learnerId: string, keys: string[]): Promise<Map<string, Reflection>> {
	if (keys.length === 0) return new Map();
	const rows = await db
		.select()
		.from(reflections)
		.where(and(eq(reflections.learnerId, learnerId), inArray(reflections.promptKey, keys)));
	return new Map(rows.map((r) => [r.promptKey, r]));
}

/** Who may read a reflection besides its author. 'group' arrives with intervision groups. */
export const VISIBILITIES = ['private', 'supervisor'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export function isVisibility(value: unknown): value is Visibility {
	return (VISIBILITIES as readonly unknown[]).includes(value);
}

/** `visibility` left out keeps what is stored (a new reflection starts private). */
export type SaveInput = { key: string; item: Item; body: string; baseVersion: number; visibility?: Visibility };
export type SaveResult =
	| { ok: true; version: number; savedAt: Date; visibility: string }
	| { ok: false; conflict: { version: number; body: string; visibility: string; savedAt: Date } };

/**
 * Saves only on top of the version the learner's tab was showing. A save from a stale tab gets
 * the newer text back instead of overwriting it. Posting the text that is already saved is a no-op
 * (a retried request), so a retry is always safe. A change of visibility alone is a save like any
 * other (it gets a new version); supervisors' reads check the stored visibility, so it takes effect at once.
 */
export async function saveReflection(db: Db, learnerId: string, input: SaveInput): Promise<SaveResult> {
	const { key, item, body, baseVersion, visibility } = input;
	const current = async () => {
		const [row] = await db.select().from(reflections).where(and(eq(reflections.learnerId, learnerId), eq(reflections.promptKey, key)));
		return row;
	};
	const written =
		baseVersion === 0
			? await db
					.insert(reflections)
					.values({ learnerId, promptKey: key, itemId: item.id, body, version: 1, visibility: visibility ?? 'private', contentVersion: item.version })
					.onConflictDoNothing()
					.returning()
			: await db
					.update(reflections)
					.set({ body, version: baseVersion + 1, ...(visibility ? { visibility } : {}), contentVersion: item.version, updatedAt: new Date() })
					.where(and(eq(reflections.learnerId, learnerId), eq(reflections.promptKey, key), eq(reflections.version, baseVersion)))
					.returning();
	const row = written[0];
	if (row) {
		if (item.type === 'reflection') await touchItem(db, learnerId, item, body.trim() ? 'completed' : 'started');
		return { ok: true, version: row.version, savedAt: row.updatedAt, visibility: row.visibility };
	}
	const now = await current();
	if (!now) return { ok: false, conflict: { version: 0, body: '', visibility: 'private', savedAt: new Date(0) } };
	if (now.body === body && (visibility ?? now.visibility) === now.visibility) return { ok: true, version: now.version, savedAt: now.updatedAt, visibility: now.visibility };
	return { ok: false, conflict: { version: now.version, body: now.body, visibility: now.visibility, savedAt: now.updatedAt } };
}
