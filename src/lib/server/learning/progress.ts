import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared, preparedAnywhere } from '../db/prepared';
import { progress, type ProgressStatus } from '../db/schema';
import type { Course, Item } from '../content';
import { progressRecorded, recordProgress } from '../xapi/record';

type Executor = Pick<Db, 'transaction' | 'insert'>;

/**
 * Records that a learner is at (or finished) an item; a finished item never goes back to started.
 * The learning records it makes (a module begun or finished) are queued in the same transaction; with no
 * LRS and no cmi5 there are none, and the write is one statement (no savepoint inside the caller's transaction).
 */
export async function touchItem(db: Executor, learnerId: string, item: Item, status: ProgressStatus): Promise<void> {
	if (!progressRecorded()) return upsertProgress(db, learnerId, item, status);
	await db.transaction(async (tx) => {
		await upsertProgress(tx, learnerId, item, status);
		await recordProgress(tx, learnerId, item);
	});
}

const upsertProgressQuery = preparedAnywhere((db) =>
	db
		.insert(progress)
		.values({
			learnerId: sql.placeholder('learnerId'),
			itemId: sql.placeholder('itemId'),
			moduleId: sql.placeholder('moduleId'),
			status: sql.placeholder('status'),
			contentVersion: sql.placeholder('contentVersion')
		})
		.onConflictDoUpdate({
			target: [progress.learnerId, progress.itemId],
			set: {
				status: sql`case when ${progress.status} = 'completed' then 'completed' else excluded.status end`,
				contentVersion: sql`excluded.content_version`,
				updatedAt: sql`now()`
			}
		})
		.prepare('upsert_progress')
);

async function upsertProgress(db: object, learnerId: string, item: Item, status: ProgressStatus): Promise<void> {
	await upsertProgressQuery(db).execute({ learnerId, itemId: item.id, moduleId: item.moduleId, status, contentVersion: item.version });
}

export type ProgressRow = { itemId: string; moduleId: string; status: ProgressStatus; updatedAt: Date };

export async function learnerProgress(db: Db, learnerId: string): Promise<ProgressRow[]> {
	return db
		.select({ itemId: progress.itemId, moduleId: progress.moduleId, status: progress.status, updatedAt: progress.updatedAt })
		.from(progress)
		.where(eq(progress.learnerId, learnerId))
		.orderBy(desc(progress.updatedAt));
}

const itemStatusQuery = prepared((db) =>
	db
		.select({ status: progress.status })
		.from(progress)
		.where(and(eq(progress.learnerId, sql.placeholder('learnerId')), eq(progress.itemId, sql.placeholder('itemId'))))
		.prepare('item_status')
);

export async function itemStatus(db: Db, learnerId: string, itemId: string): Promise<ProgressStatus | null> {
	const [row] = await itemStatusQuery(db).execute({ learnerId, itemId });
	return row?.status ?? null;
}

export type ModuleProgress = { moduleId: string; done: number; total: number; resumeItemId: string };

/**
 * Per module: items done, and where to resume — the item last worked on if unfinished,
 * otherwise the first item not yet finished (or the first item when all are done).
 */
export function summarise(course: Course, rows: ProgressRow[]): { modules: ModuleProgress[]; resume: { moduleId: string; itemId: string } | null } {
	const status = new Map(rows.map((r) => [r.itemId, r.status]));
	const modules = course.modules.map((m) => {
		const done = m.items.filter((i) => status.get(i.id) === 'completed').length;
		const lastTouched = rows.find((r) => r.moduleId === m.id && r.status === 'started' && m.items.some((i) => i.id === r.itemId));
		const firstOpen = m.items.find((i) => status.get(i.id) !== 'completed');
		const resumeItemId = lastTouched?.itemId ?? firstOpen?.id ?? m.items[0]?.id ?? '';
		return { moduleId: m.id, done, total: m.items.length, resumeItemId };
	});
	const latest = rows.find((r) => course.items.get(r.itemId)?.moduleId === r.moduleId);
	let resume: { moduleId: string; itemId: string } | null = null;
	if (latest) {
		const mod = modules.find((m) => m.moduleId === latest.moduleId);
		if (latest.status === 'started') resume = { moduleId: latest.moduleId, itemId: latest.itemId };
		else if (mod && mod.done < mod.total) resume = { moduleId: mod.moduleId, itemId: mod.resumeItemId };
		else {
			const next = modules.find((m) => m.done < m.total);
			if (next) resume = { moduleId: next.moduleId, itemId: next.resumeItemId };
		}
	}
	return { modules, resume };
}
