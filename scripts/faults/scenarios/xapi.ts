/**
 * The xAPI outbox after every fault: statements are written in the transaction of the event they record (the
 * checks find each acknowledged drill response's and submission's), and sent at least once. Once the outbox is
 * empty, the LRS double holds every statement queued and nothing else; a statement it got twice (a send whose
 * answer a kill cut off, sent again after its lease) came with the same id and the same content, so an LRS
 * stores it once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureApp, type Run } from '../run';
import { report } from '../report';
import type { WriteKind } from '../tracks/track';

/** Claimed rows wait out the sender's lease (60 s) after a kill; the sender looks every 5 s. */
const DRAIN_SECONDS = 90;

export async function xapiDelivered(run: Run): Promise<void> {
	await ensureApp(run);
	const { sql, lrs } = run;
	const started = Date.now();
	let unsent = Infinity;
	while (Date.now() - started < DRAIN_SECONDS * 1000) {
		const [row] = await sql<{ n: number }[]>`select count(*)::int as n from xapi_outbox where sent_at is null`;
		unsent = row?.n ?? Infinity;
		if (unsent === 0) break;
		await sleep(1000);
	}
	const drained = (Date.now() - started) / 1000;
	const queued = await sql<{ id: string; attempts: number }[]>`select id, attempts from xapi_outbox`;
	const ids = new Set(queued.map((q) => q.id));
	const received = [...lrs.received];
	const neverReceived = queued.filter((q) => !lrs.received.has(q.id)).length;
	const unknownToOutbox = received.filter(([id]) => !ids.has(id)).length;
	const repeated = received.filter(([, r]) => r.puts > 1);
	const differing = received.reduce((n, [, r]) => n + r.differing, 0);
	const puts = received.reduce((n, [, r]) => n + r.puts, 0);
	const resent = queued.filter((q) => q.attempts > 1).length;
	report(
		'xAPI outbox after the faults: every statement queued reached the LRS, repeats only under the same id with the same content',
		queued.length > 0 && unsent === 0 && neverReceived === 0 && unknownToOutbox === 0 && differing === 0 && lrs.refused === 0,
		[
			`outbox: ${queued.length} statements, ${unsent === 0 ? `all sent (${drained.toFixed(0)} s after the last scenario)` : `${unsent} NOT sent within ${DRAIN_SECONDS} s`}; ${resent} needed more than one attempt`,
			`LRS double: ${lrs.received.size} distinct statement ids in ${puts} PUTs; ids received more than once ${repeated.length} (at least once by design: the id is stable), of which with different content ${differing}; queued but never received ${neverReceived}; received but never queued ${unknownToOutbox}; requests refused (path, credentials) ${lrs.refused}`
		]
	);
}

const KINDS: WriteKind[] = [
	'reflection',
	'answer',
	'drill-response',
	'self-rating',
	'rating',
	'test-start',
	'test-save',
	'test-submit',
	'evaluation',
	'certificate'
];

/** A check that never saw a kind of write proves nothing about it: each must have been acknowledged during the faults. */
export async function everyKindWritten(run: Run): Promise<void> {
	const c = await run.check();
	const never = KINDS.filter((k) => !c.byKind[k]?.acknowledged);
	report('every kind of write was acknowledged during the faults (and so checked)', never.length === 0, [
		never.length ? `never acknowledged: ${never.join(', ')}` : `all ${KINDS.length} kinds: ${KINDS.map((k) => `${k} ${c.byKind[k]?.acknowledged}`).join(', ')}`
	]);
}
