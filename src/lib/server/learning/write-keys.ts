import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { writeKeys } from '../db/schema';

type Tx = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;

/** A posted write key: a UUID or a short random token (see $lib/write-key.ts). Anything else is refused. */
export const writeKeyField = z.union([z.uuid(), z.string().regex(/^[A-Za-z0-9_-]{16,64}$/)]);

/** Parses the form's `writeKey`: absent or empty is "no key" (older pages), malformed is null. */
export function parseWriteKey(value: FormDataEntryValue | null): string | undefined | null {
	if (value === null || value === '') return undefined;
	const parsed = writeKeyField.safeParse(value);
	return parsed.success ? parsed.data : null;
}

/**
 * Claims `key` for this write inside the caller's transaction. Returns the first outcome when the key
 * was already used (the caller must not write again), or null when the write is new. The row is inserted
 * before the write, so a concurrent retry of the same key waits on the unique index and then sees the result.
 * `scope` keeps keys of different targets apart (one page key serves several forms).
 */
export async function claimWriteKey<T>(tx: Tx, userId: string, scope: string, key: string): Promise<{ first: T } | null> {
	const scoped = `${scope}:${key}`;
	const claimed = await tx.insert(writeKeys).values({ userId, key: scoped }).onConflictDoNothing().returning({ key: writeKeys.key });
	if (claimed.length > 0) return null;
	const [row] = await tx
		.select({ result: writeKeys.result })
		.from(writeKeys)
		.where(and(eq(writeKeys.userId, userId), eq(writeKeys.key, scoped)));
	return { first: row?.result as T };
}

/** Stores the outcome a repeat of the key will get. */
export async function settleWriteKey(tx: Tx, userId: string, scope: string, key: string, result: unknown): Promise<void> {
	await tx
		.update(writeKeys)
		.set({ result: sql`${JSON.stringify(result)}::jsonb` })
		.where(and(eq(writeKeys.userId, userId), eq(writeKeys.key, `${scope}:${key}`)));
}

/** Gives the key back: a write that did not happen (a conflict) may be tried again with the same key. */
export async function releaseWriteKey(tx: Tx, userId: string, scope: string, key: string): Promise<void> {
	await tx.delete(writeKeys).where(and(eq(writeKeys.userId, userId), eq(writeKeys.key, `${scope}:${key}`)));
}
