/**
 * SIGTERM under load: requests in flight complete, new connections are refused, the discussion's event
 * stream is closed so that the process exits without waiting out SHUTDOWN_TIMEOUT.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureApp, restart, type Run } from '../run';
import { emptyTally, getOwnConnection, postOwnConnection, writeUntilAnswered, type Reply } from '../writers';
import { checkLine, clean, report, tallyLine } from '../report';

export async function sigtermUnderLoad(run: Run): Promise<void> {
	await ensureApp(run);
	const { base, writers, sql } = run;
	// A discussion stream held open: graceful shutdown must close it, not wait SHUTDOWN_TIMEOUT (20 s) for it.
	const events = await fetch(`${base()}/groups/${run.groupId}/discussion/events`, { headers: { cookie: writers[0]!.cookie, accept: 'text/event-stream' } });
	let streamEnded = 0;
	const streamOpen = events.status === 200 && events.body !== null;
	const draining = streamOpen
		? (async () => {
				const reader = events.body!.getReader();
				try {
					while (!(await reader.read()).done);
				} catch {
					// a reset also ends it
				}
				streamEnded = Date.now();
			})()
		: Promise.resolve();
	const tally = emptyTally();
	const writes = writers.map((w) => ({ w, write: w.next() }));
	let sent = 0;
	let firstAnswer: () => void = () => {};
	const answered = new Promise<void>((r) => (firstAnswer = r));
	const replies = writes.map(({ w, write }) => {
		return postOwnConnection(base(), w.cookie, write.path, write.form, () => sent++).then((reply) => {
			if (!('none' in reply)) firstAnswer();
			return reply;
		});
	});
	await answered;
	const app = run.app;
	const termAt = Date.now();
	const sentAtTerm = sent;
	app.child.kill('SIGTERM');
	await sleep(300);
	const after = await Promise.all(Array.from({ length: 10 }, () => getOwnConnection(`${base()}/healthz`)));
	const inFlight: Reply[] = await Promise.all(replies);
	const exit = await Promise.race([app.exited, sleep(30_000).then(() => null)]);
	await Promise.race([draining, sleep(1000)]);
	const completed = inFlight.filter((r) => !('none' in r) && r.status < 500).length;
	const errored = inFlight.filter((r) => !('none' in r) && r.status >= 500).length;
	const refusedInFlight = inFlight.filter((r) => 'none' in r && r.none === 'refused').length;
	const refusedAfter = after.filter((r) => 'none' in r && r.none === 'refused').length;
	const exitSeconds = exit ? (exit.at - termAt) / 1000 : Infinity;
	// A reset without an answer is either a request still queued unparsed when the server stopped
	// listening (adapter-node closes those as idle: never handled) or one dropped mid-way. The database tells:
	// a handled write has its key stored. Writes whose forms carry no key (a retake, a rating, the test's) are left out of that count.
	const reset = writes.filter((_, i) => {
		const r = inFlight[i]!;
		return 'none' in r && r.none === 'lost';
	});
	const resetKeys = reset.flatMap(({ write }) => (write.key ? [write.key] : []));
	const stored = await sql<{ key: string }[]>`select key from write_keys where user_id in ${sql(writers.map((w) => w.learnerId))}`;
	const storedKeys = new Set(stored.map((r) => r.key.slice(r.key.lastIndexOf(':') + 1)));
	const handledButUnanswered = resetKeys.filter((k) => storedKeys.has(k)).length;
	// What the in-flight writes got becomes the writers' state; the rest are retried with their keys on a fresh start.
	writes.forEach(({ w, write }, i) => {
		const reply = inFlight[i]!;
		if ('none' in reply) {
			if (write.counted && reply.none === 'lost') tally.unknown++;
			else if (write.counted) tally.failed++;
		} else if (w.settle(write, reply, tally) === 'acked' && write.counted) tally.acknowledged++;
	});
	await restart(run);
	const retried = emptyTally();
	await Promise.all(writers.filter((w) => w.pending).map((w) => writeUntilAnswered(w, base, retried, () => false)));
	tally.retriedToAnAnswer = retried.acknowledged + retried.failed + retried.unknown;
	const c = await run.check();
	report(
		'SIGTERM under load: requests in flight complete, new ones are refused, the process exits without waiting out SHUTDOWN_TIMEOUT',
		completed > 0 &&
			handledButUnanswered === 0 &&
			errored === 0 &&
			refusedAfter === after.length &&
			exit?.code === 0 &&
			exitSeconds < 10 &&
			(!streamOpen || streamEnded > 0) &&
			clean(c),
		[
			`${writes.length} writes sent at once, SIGTERM at the first answer (${sentAtTerm} fully sent by then): completed with an answer ${completed}, answered 5xx ${errored}; reset without an answer ${reset.length}, of which handled by the server (key stored) ${handledButUnanswered} and never handled ${resetKeys.length - handledButUnanswered}${reset.length > resetKeys.length ? ` (+${reset.length - resetKeys.length} without a key in their form)` : ''}; refused ${refusedInFlight}`,
			`new requests after SIGTERM: ${refusedAfter} of ${after.length} refused (connection refused)`,
			`discussion stream ${streamOpen ? (streamEnded ? `closed by the server ${((streamEnded - termAt) / 1000).toFixed(2)} s after SIGTERM` : 'NOT closed') : `could not be opened (${events.status})`}; process exited ${exit ? `with code ${exit.code ?? exit.signal} after ${exitSeconds.toFixed(2)} s` : 'NOT within 30 s'} (SHUTDOWN_TIMEOUT 20 s)`,
			tallyLine(tally),
			checkLine(c)
		]
	);
}
