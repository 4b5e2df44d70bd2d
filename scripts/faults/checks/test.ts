/**
 * The final test and the certificate. Each acknowledged start is an attempt in the database, and there are no
 * others; each acknowledged save's answers are on its attempt; each acknowledged submit closed its attempt once,
 * its score computed from its items (all answered right, so 100%) and its xAPI statement queued; each
 * acknowledged evaluation is stored; and the learner holds one certificate, the number every request was told.
 */
import type postgres from 'postgres';
import { uuidV5 } from '../../../src/lib/server/xapi/uuid';
import type { Writer } from '../writers';
import { add, unsure, type Check } from '../verify';

type Attempt = {
	id: number;
	learner_id: string;
	attempt: number;
	submitted: boolean;
	correct: number | null;
	total: number;
	score: number | null;
	passed: boolean | null;
};

export async function checkTest(sql: postgres.Sql, writers: Writer[], check: Check): Promise<void> {
	const ids = writers.map((w) => w.learnerId);
	const attempts = await sql<Attempt[]>`
		select id, learner_id, attempt, submitted_at is not null as submitted, correct, total, score, passed from test_attempts where learner_id in ${sql(ids)}`;
	const attemptIds = attempts.length ? attempts.map((a) => a.id) : [0];
	const items = await sql<{ attempt_id: number; item_id: string; answer: string | null; correct: boolean | null }[]>`
		select attempt_id, item_id, answer, correct from test_attempt_items where attempt_id in ${sql(attemptIds)}`;
	const evaluations = new Set(
		(await sql<{ attempt_id: number }[]>`select attempt_id from test_evaluations where attempt_id in ${sql(attemptIds)}`).map((e) => e.attempt_id)
	);
	const judged = new Set(
		(await sql<{ id: string }[]>`select id from xapi_outbox where id in ${sql(attemptIds.map((id) => uuidV5(`test-judged:${id}`)))}`).map((r) => r.id)
	);
	const certificates = await sql<{ number: string; learner_id: string; detailed: boolean }[]>`
		select c.number, c.learner_id, d.number is not null as detailed from certificates c left join certificate_details d on d.number = c.number
		 where c.learner_id in ${sql(ids)}`;
	for (const w of writers) {
		const t = w.test;
		const own = attempts.filter((a) => a.learner_id === w.learnerId);
		const of = (n: number) => own.find((a) => a.attempt === n);
		const itemsOf = (a: Attempt) => items.filter((i) => i.attempt_id === a.id);

		add(check, 'test-start', t.starts.length, t.starts.filter((n) => !of(n)).length, own.length - t.starts.length - unsure(w, 'test-start'));

		const unsaved = t.saves.filter(({ attempt, answers }) => {
			const a = of(attempt);
			return !a || itemsOf(a).some((i) => answers.has(i.item_id) && i.answer !== answers.get(i.item_id));
		}).length;
		add(check, 'test-save', t.saves.length, unsaved, 0);

		// A submit told "done" whose attempt is not closed, scored from its items and recorded, is lost; a closed attempt no submit was told of is one too many.
		const wrong = t.submits.filter((n) => {
			const a = of(n);
			if (!a?.submitted) return true;
			const right = itemsOf(a).filter((i) => i.correct).length;
			return a.correct !== right || right !== a.total || a.score !== 100 || !a.passed || !judged.has(uuidV5(`test-judged:${a.id}`));
		}).length;
		add(check, 'test-submit', t.submits.length, wrong, own.filter((a) => a.submitted).length - t.submits.length - unsure(w, 'test-submit'));

		add(check, 'evaluation', t.evaluations.length, t.evaluations.filter((n) => !evaluations.has(of(n)?.id ?? 0)).length, 0);

		const held = certificates.filter((c) => c.learner_id === w.learnerId);
		const numbers = new Set(t.certificates);
		const issued = held[0];
		const lost = t.certificates.length > 0 && (!issued || !issued.detailed || !numbers.has(issued.number)) ? 1 : 0;
		// Every request after the first must be told the same number, and the learner holds one certificate.
		add(check, 'certificate', t.certificates.length, lost, Math.max(held.length - 1, numbers.size - 1, 0));
	}
}
