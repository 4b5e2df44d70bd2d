/**
 * PostgreSQL stopped in immediate mode (a crash: recovery on the next start) under load, then started:
 * meanwhile the friendly 503 page and the same process; afterwards pages within 10 s and no acknowledged write lost.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureApp, type Run } from '../run';
import { runWriters } from '../writers';
import { checkLine, clean, report, tallyLine } from '../report';

export async function postgresStopped(run: Run): Promise<void> {
	await ensureApp(run);
	const { base, writers, cluster } = run;
	let stop = false;
	const writing = runWriters(writers, base, () => stop);
	const pid = run.app.child.pid;
	await sleep(3000);
	cluster.stop('immediate');
	const downAt = Date.now();
	let friendly = 0;
	let other = 0;
	const statuses = new Map<number, number>();
	while (Date.now() - downAt < 6000) {
		try {
			const r = await fetch(`${base()}/dashboard`, {
				headers: { cookie: writers[0]!.cookie, accept: 'text/html' },
				redirect: 'manual',
				signal: AbortSignal.timeout(8000)
			});
			const text = await r.text();
			statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
			if (r.status === 503 && /Zo weer terug|Back in a moment/.test(text)) friendly++;
			else other++;
		} catch {
			other++;
		}
		await sleep(250);
	}
	const aliveDuringOutage = run.app.alive() && run.app.child.pid === pid;
	if (!aliveDuringOutage) console.error(`--- node build output (tail) ---\n${run.app.output().slice(-1500)}`);
	cluster.start();
	const upAt = Date.now();
	let backAfter = Infinity;
	while (Date.now() - upAt < 15_000) {
		const r = await fetch(`${base()}/dashboard`, { headers: { cookie: writers[0]!.cookie, accept: 'text/html' }, redirect: 'manual' }).catch(() => null);
		await r?.arrayBuffer();
		if (r?.status === 200) {
			backAfter = (Date.now() - upAt) / 1000;
			break;
		}
		await sleep(100);
	}
	await sleep(3000);
	stop = true;
	const tally = await writing;
	const c = await run.check();
	const sameProcess = run.app.alive() && run.app.child.pid === pid;
	report(
		'PostgreSQL stopped (immediate) and started under load: friendly 503, back within 10 s, nothing acknowledged lost',
		aliveDuringOutage && sameProcess && friendly > 0 && other === 0 && backAfter <= 10 && clean(c),
		[
			`during the ${((upAt - downAt) / 1000).toFixed(1)} s outage: ${friendly} friendly 503 pages, ${other} other answers (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}); app process ${sameProcess ? 'kept running (same pid, no restart)' : 'did NOT keep running'}`,
			`seconds from the database's return to the first 200: ${Number.isFinite(backAfter) ? backAfter.toFixed(2) : 'none within 15 s'}`,
			tallyLine(tally),
			checkLine(c)
		]
	);
}
