/** The app SIGKILLed five times under load and restarted: every acknowledged write survives, once. */
import { setTimeout as sleep } from 'node:timers/promises';
import { restart, type Run } from '../run';
import { runWriters } from '../writers';
import { checkLine, clean, report, tallyLine } from '../report';

export async function sigkillUnderLoad(run: Run): Promise<void> {
	let stop = false;
	const writing = runWriters(run.writers, run.base, () => stop);
	let restarts = 0;
	const downtimes: number[] = [];
	for (let k = 0; k < 5; k++) {
		await sleep(2000 + Math.random() * 3000);
		run.app.child.kill('SIGKILL');
		await run.app.exited;
		const t = Date.now();
		if (await restart(run)) restarts++;
		downtimes.push((Date.now() - t) / 1000);
	}
	await sleep(2000);
	stop = true;
	const tally = await writing;
	const c = await run.check();
	report('SIGKILL x5 under load: every acknowledged write is in the database once', restarts === 5 && tally.acknowledged > 0 && clean(c), [
		`app killed with SIGKILL 5 times, restarted on port ${run.port} ${restarts} times (back in ${downtimes.map((d) => d.toFixed(1)).join(', ')} s)`,
		tallyLine(tally),
		checkLine(c)
	]);
}
