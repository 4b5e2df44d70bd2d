/**
 * Reads the database directly and holds it against what the writers were told: every acknowledged
 * write must be there exactly once. A reflection's version counts its saves (each save bumps it by one),
 * a learner's answers count their answer writes, and each acknowledged key has its write_keys row.
 */
import type postgres from 'postgres';
import type { Writer } from './writers';

export type Check = { acknowledged: number; foundOnce: number; foundTwice: number; missing: number; pendingUnknown: number };

export async function verify(sql: postgres.Sql, writers: Writer[], promptKey: string): Promise<Check> {
	const ids = writers.map((w) => w.learnerId);
	const reflections = await sql<{ learner_id: string; version: number; body: string }[]>`
		select learner_id, version, body from reflections where prompt_key = ${promptKey} and learner_id in ${sql(ids)}`;
	const answers = await sql<{ learner_id: string; n: number }[]>`
		select t.learner_id, count(*)::int as n from quiz_answers a join quiz_attempts t on t.id = a.attempt_id
		 where t.learner_id in ${sql(ids)} group by t.learner_id`;
	const keys = await sql<{ user_id: string; key: string }[]>`select user_id, key from write_keys where user_id in ${sql(ids)}`;
	const keySet = new Set(keys.map((k) => `${k.user_id} ${k.key.slice(k.key.lastIndexOf(':') + 1)}`));
	const check: Check = { acknowledged: 0, foundOnce: 0, foundTwice: 0, missing: 0, pendingUnknown: 0 };
	for (const w of writers) {
		const r = reflections.find((x) => x.learner_id === w.learnerId);
		const a = answers.find((x) => x.learner_id === w.learnerId)?.n ?? 0;
		// A write still unanswered may or may not be in; it is neither counted as found nor as missing.
		const unsure = w.pending && w.pending.kind !== 'retake' ? 1 : 0;
		check.pendingUnknown += unsure;
		for (const [acked, inDb, lastOk] of [
			[
				w.reflections,
				r?.version ?? 0,
				!w.reflections.length || r?.body === w.reflections.at(-1)?.body || (w.pending?.kind === 'reflection' && r?.body === w.pending.body)
			],
			[w.answers, a, true]
		] as const) {
			const withKey = acked.filter((x) => keySet.has(`${w.learnerId} ${x.key}`)).length;
			const surplus = Math.max(0, inDb - acked.length - unsure);
			const missing = Math.max(acked.length - withKey, acked.length - inDb, lastOk ? 0 : 1, 0);
			check.acknowledged += acked.length;
			check.missing += missing;
			check.foundTwice += surplus;
			check.foundOnce += Math.max(0, acked.length - missing - surplus);
		}
	}
	return check;
}
