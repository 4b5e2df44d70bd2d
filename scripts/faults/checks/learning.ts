/**
 * Reflections and quiz answers: a reflection's version counts its saves (each save bumps it by one) and its text
 * is the last one acknowledged; a learner's answers count their answer writes; each acknowledged key has its
 * write_keys row.
 */
import type postgres from 'postgres';
import type { Writer } from '../writers';
import { add, unsure, type Check } from '../verify';

/** The write keys stored for the writers, as `<user> <key>` (the stored key is `<scope>:<key>`). */
export async function storedKeys(sql: postgres.Sql, ids: string[]): Promise<Set<string>> {
	const keys = await sql<{ user_id: string; key: string }[]>`select user_id, key from write_keys where user_id in ${sql(ids)}`;
	return new Set(keys.map((k) => `${k.user_id} ${k.key.slice(k.key.lastIndexOf(':') + 1)}`));
}

export async function checkLearning(sql: postgres.Sql, writers: Writer[], promptKey: string, check: Check): Promise<void> {
	const ids = writers.map((w) => w.learnerId);
	const reflections = await sql<{ learner_id: string; version: number; body: string }[]>`
		select learner_id, version, body from reflections where prompt_key = ${promptKey} and learner_id in ${sql(ids)}`;
	const answers = await sql<{ learner_id: string; n: number }[]>`
		select t.learner_id, count(*)::int as n from quiz_answers a join quiz_attempts t on t.id = a.attempt_id
		 where t.learner_id in ${sql(ids)} group by t.learner_id`;
	const keySet = await storedKeys(sql, ids);
	for (const w of writers) {
		const r = reflections.find((x) => x.learner_id === w.learnerId);
		const saves = w.reflection.acked;
		const lastOk = !saves.length || r?.body === saves.at(-1)?.body || (w.pending?.kind === 'reflection' && r?.body === w.pending.body);
		const u = unsure(w, 'reflection');
		const savesWithKey = saves.filter((x) => keySet.has(`${w.learnerId} ${x.key}`)).length;
		const version = r?.version ?? 0;
		add(check, 'reflection', saves.length, Math.max(saves.length - savesWithKey, saves.length - version, lastOk ? 0 : 1), version - saves.length - u);

		const given = w.quiz.acked;
		const inDb = answers.find((x) => x.learner_id === w.learnerId)?.n ?? 0;
		const givenWithKey = given.filter((x) => keySet.has(`${w.learnerId} ${x.key}`)).length;
		add(check, 'answer', given.length, Math.max(given.length - givenWithKey, given.length - inDb), inDb - given.length - unsure(w, 'answer'));
	}
}
