import { and, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { preparedAnywhere } from '../db/prepared';
import { json } from '../db/json';
import { groupMembers, groups, progress, reflectionShares, reflections, type ProgressStatus, type Reflection } from '../db/schema';
import type { Item } from '../content';
import { itemStatus, touchItem } from './progress';
import { claimWriteKey, releaseWriteKey, settleWriteKey } from './write-keys';

export const REFLECTION_MAX = 10_000;

/** A reflection with the group it is shared with, when its visibility is 'group'. */
export type SavedReflection = Reflection & { share: { groupId: string; named: boolean } | null };

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete' | 'transaction'>;

async function withShares(db: Tx, rows: Reflection[]): Promise<SavedReflection[]> {
	const ids = rows.filter((r) => r.visibility === 'group').map((r) => r.id);
	const shares = ids.length === 0 ? [] : await db.select().from(reflectionShares).where(inArray(reflectionShares.reflectionId, ids));
	return rows.map((r) => {
		const share = r.visibility === 'group' ? shares.find((s) => s.reflectionId === r.id) : undefined;
		return { ...r, share: share ? { groupId: share.groupId, named: share.named } : null };
	});
}

export async function reflectionsOf(db: Db, learnerId: string, keys: string[]): Promise<Map<string, SavedReflection>> {
	if (keys.length === 0) return new Map();
	const rows = await db
		.select()
		.from(reflections)
		.where(and(eq(reflections.learnerId, learnerId), inArray(reflections.promptKey, keys)));
	return new Map((await withShares(db, rows)).map((r) => [r.promptKey, r]));
}

/**
 * What an item page reads of its learner besides its type's own state, in one statement (issue 19): the item's
 * status, the reflections on its prompts with the group each is shared with, and the groups a reflection can be
 * shared with (id and name). Read apart, these were three statements on every vignette, quiz and reflection page.
 */
export async function itemContext(db: Db, learnerId: string, itemId: string, keys: string[]) {
	if (keys.length === 0) return { status: await itemStatus(db, learnerId, itemId), reflections: new Map<string, SavedReflection>(), groups: [] };
	const rows = await db
		.select({
			status: sql<ProgressStatus | null>`(select ${progress.status} from ${progress} where ${progress.learnerId} = ${learnerId} and ${progress.itemId} = ${itemId})`,
			groups: json<{ id: string; name: string }[]>(
				sql`select json_agg(json_build_object('id', ${groups.id}, 'name', ${groups.name}) order by ${groups.name})
					from ${groupMembers} join ${groups} on ${groups.id} = ${groupMembers.groupId} where ${groupMembers.memberId} = ${learnerId}`,
				'[]'
			),
			reflection: getTableColumns(reflections),
			// As withShares reads it: the group a reflection shared with a group is shared with.
			share: json<{ groupId: string; named: boolean } | null>(
				sql`select json_build_object('groupId', ${reflectionShares.groupId}, 'named', ${reflectionShares.named}) from ${reflectionShares}
					where ${reflectionShares.reflectionId} = ${reflections.id} and ${reflections.visibility} = 'group' limit 1`,
				'null'
			)
		})
		.from(sql`(select 1) as one`)
		.leftJoin(reflections, and(eq(reflections.learnerId, learnerId), inArray(reflections.promptKey, keys)));
	const saved = rows.flatMap(({ reflection, share }) => (reflection ? [{ ...reflection, share: share ?? null }] : []));
	return { status: rows[0]?.status ?? null, reflections: new Map(saved.map((r) => [r.promptKey, r])), groups: rows[0]?.groups ?? [] };
}

/** The form's choice: "private", "supervisor" or "group:<group id>". */
export type Sharing = { visibility: 'private' | 'supervisor' } | { visibility: 'group'; groupId: string; named: boolean };

export function parseSharing(choice: unknown, named: unknown): Sharing | null {
	if (choice === 'private' || choice === 'supervisor') return { visibility: choice };
	const match = typeof choice === 'string' ? /^group:([0-9a-f-]{36})$/.exec(choice) : null;
	return match?.[1] ? { visibility: 'group', groupId: match[1], named: named === '1' } : null;
}

export function sharingChoice(r: Pick<SavedReflection, 'visibility' | 'share'>): string {
	return r.visibility === 'group' && r.share ? `group:${r.share.groupId}` : r.visibility === 'group' ? 'private' : r.visibility;
}

/** `sharing` left out keeps what is stored (a new reflection starts private). Callers check group membership. */
export type SaveInput = {
	key: string;
	item: Item;
	body: string;
	baseVersion: number;
	visibility?: 'private' | 'supervisor';
	sharing?: Sharing;
	/** Makes a retry return the first outcome (see ./write-keys.ts); without it a save behaves as below. */
	writeKey?: string;
};
type Shown = { visibility: string; named: boolean };
export type SaveResult =
	({ ok: true; version: number; savedAt: Date } & Shown) | { ok: false; conflict: { version: number; body: string; savedAt: Date } & Shown };

const shown = (r: SavedReflection): Shown => ({ visibility: sharingChoice(r), named: r.share?.named ?? false });

function sameSharing(r: SavedReflection, wanted: Sharing | undefined): boolean {
	if (!wanted) return true;
	if (wanted.visibility !== 'group') return r.visibility === wanted.visibility;
	return r.share?.groupId === wanted.groupId && r.share.named === wanted.named;
}

/**
 * A reflection is shared with at most one group; a new choice replaces the old one in the same transaction.
 * `stored`: whether a share existed before the save (an autosave of a private reflection deletes nothing).
 */
async function storeShare(tx: Tx, reflectionId: number, sharing: Sharing, stored: boolean): Promise<void> {
	if (stored) await tx.delete(reflectionShares).where(eq(reflectionShares.reflectionId, reflectionId));
	if (sharing.visibility === 'group') await tx.insert(reflectionShares).values({ reflectionId, groupId: sharing.groupId, named: sharing.named });
}

/**
 * Saves only on top of the version the learner's tab was showing. A save from a stale tab gets
 * the newer text back instead of overwriting it. Posting the text that is already saved is a no-op
 * (a retried request), so a retry is always safe. A change of who may read it is a save like any
 * other (it gets a new version); every read checks the stored visibility and share, so it takes effect at once.
 * With a write key, a save the learner never heard back about is answered as it was the first time
 * (no second version, no false conflict); a conflict gives the key back, so "keep mine" can reuse it.
 */
export async function saveReflection(db: Db, learnerId: string, input: SaveInput): Promise<SaveResult> {
	const { writeKey } = input;
	if (!writeKey) return db.transaction((tx) => save(tx, learnerId, input));
	const scope = `reflection:${input.key}`;
	return db.transaction(async (tx) => {
		const seen = await claimWriteKey<Stored>(tx, learnerId, scope, writeKey);
		if (seen) return { ...seen.first, savedAt: new Date(seen.first.savedAt) };
		const result = await save(tx, learnerId, input);
		if (result.ok) await settleWriteKey(tx, learnerId, scope, writeKey, { ...result, savedAt: result.savedAt.toISOString() } satisfies Stored);
		else await releaseWriteKey(tx, learnerId, scope, writeKey);
		return result;
	});
}

/** A successful save as kept with its write key (JSON, so the date as text). */
type Stored = Omit<Extract<SaveResult, { ok: true }>, 'savedAt'> & { savedAt: string };

/** The saved row, and whether it had a share before the save (RETURNING sees the shares as they were). */
const withShared = {
	...getTableColumns(reflections),
	shared: sql<boolean>`exists (select 1 from ${reflectionShares} where ${reflectionShares.reflectionId} = ${reflections.id})`
};

/** A save on top of the version the tab was showing, with a new visibility or keeping the stored one. */
const updateOnVersion = (visibility: boolean) =>
	preparedAnywhere((db) =>
		db
			.update(reflections)
			// An update's set takes no bare placeholder (its types), but SQL holding one.
			.set({
				body: sql`${sql.placeholder('body')}`,
				version: sql`${sql.placeholder('version')}`,
				...(visibility ? { visibility: sql`${sql.placeholder('visibility')}` } : {}),
				contentVersion: sql`${sql.placeholder('contentVersion')}`,
				updatedAt: sql`now()`
			})
			.where(
				and(
					eq(reflections.learnerId, sql.placeholder('learnerId')),
					eq(reflections.promptKey, sql.placeholder('key')),
					eq(reflections.version, sql.placeholder('baseVersion'))
				)
			)
			.returning(withShared)
			.prepare(visibility ? 'update_reflection_visibility' : 'update_reflection')
	);
const updateWithVisibility = updateOnVersion(true);
const updateKeepingVisibility = updateOnVersion(false);

async function save(tx: Tx, learnerId: string, input: SaveInput): Promise<SaveResult> {
	const { key, item, body, baseVersion } = input;
	const sharing: Sharing | undefined = input.sharing ?? (input.visibility ? { visibility: input.visibility } : undefined);
	const written =
		baseVersion === 0
			? await tx
					.insert(reflections)
					.values({ learnerId, promptKey: key, itemId: item.id, body, version: 1, visibility: sharing?.visibility ?? 'private', contentVersion: item.version })
					.onConflictDoNothing()
					.returning(withShared)
			: await (sharing ? updateWithVisibility : updateKeepingVisibility)(tx).execute({
					learnerId,
					key,
					baseVersion,
					body,
					version: baseVersion + 1,
					visibility: sharing?.visibility,
					contentVersion: item.version
				});
	const found = written[0];
	if (found) {
		const { shared, ...row } = found;
		if (sharing) await storeShare(tx, row.id, sharing, shared);
		if (item.type === 'reflection') await touchItem(tx, learnerId, item, body.trim() ? 'completed' : 'started');
		const [saved] = await withShares(tx, [row]);
		return { ok: true as const, version: row.version, savedAt: row.updatedAt, ...shown(saved ?? { ...row, share: null }) };
	}
	const [stored] = await tx
		.select()
		.from(reflections)
		.where(and(eq(reflections.learnerId, learnerId), eq(reflections.promptKey, key)));
	const [now] = stored ? await withShares(tx, [stored]) : [];
	if (!now) return { ok: false as const, conflict: { version: 0, body: '', visibility: 'private', named: false, savedAt: new Date(0) } };
	if (now.body === body && sameSharing(now, sharing)) return { ok: true as const, version: now.version, savedAt: now.updatedAt, ...shown(now) };
	return { ok: false as const, conflict: { version: now.version, body: now.body, savedAt: now.updatedAt, ...shown(now) } };
}
