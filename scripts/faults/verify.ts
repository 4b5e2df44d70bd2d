/**
 * Reads the database directly and holds it against what the writers were told: every acknowledged write
 * must be there exactly once (checks/, one file per area). A write still unanswered may or may not be in;
 * it is counted neither as found nor as missing.
 */
import type postgres from 'postgres';
import type { Writer } from './writers';
import type { WriteKind } from './tracks/track';
import { checkLearning } from './checks/learning';
import { checkPractice } from './checks/practice';
import { checkTest } from './checks/test';

export type KindCount = { acknowledged: number; missing: number; twice: number };
export type Check = {
	acknowledged: number;
	foundOnce: number;
	foundTwice: number;
	missing: number;
	pendingUnknown: number;
	byKind: Partial<Record<WriteKind, KindCount>>;
};

/** Adds one writer's figures for one kind of write: `missing` acknowledged but not (rightly) there, `surplus` there more often than written. */
export function add(check: Check, kind: WriteKind, acknowledged: number, missing: number, surplus: number): void {
	const m = Math.min(acknowledged, Math.max(0, missing));
	const s = Math.max(0, surplus);
	check.acknowledged += acknowledged;
	check.missing += m;
	check.foundTwice += s;
	check.foundOnce += Math.max(0, acknowledged - m - s);
	const k = (check.byKind[kind] ??= { acknowledged: 0, missing: 0, twice: 0 });
	k.acknowledged += acknowledged;
	k.missing += m;
	k.twice += s;
}

/** 1 when the writer's unanswered write is of one of `kinds` (it may be in the database or not). */
export const unsure = (w: Writer, ...kinds: WriteKind[]) => (w.pending && kinds.includes(w.pending.kind) ? 1 : 0);

export async function verify(sql: postgres.Sql, writers: Writer[], promptKey: string): Promise<Check> {
	const check: Check = { acknowledged: 0, foundOnce: 0, foundTwice: 0, missing: 0, pendingUnknown: 0, byKind: {} };
	check.pendingUnknown = writers.filter((w) => w.pending?.counted).length;
	await checkLearning(sql, writers, promptKey, check);
	await checkPractice(sql, writers, check);
	await checkTest(sql, writers, check);
	return check;
}
