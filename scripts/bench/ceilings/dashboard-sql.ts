/** Ceiling 3: the dashboard's own SQL straight through postgres.js, pool of 10 like the app: what the database can do at most. */
import { summarise, type Measured } from '../load';
import type { Captured } from '../dashboard-sql';

export async function sqlCeiling(
	captured: Captured[],
	run: (set: Captured) => Promise<void>,
	levels: number[],
	seconds: number,
	log: (text: string) => void
): Promise<Record<number, Measured>> {
	const out: Record<number, Measured> = {};
	for (const c of levels) {
		const latencies: number[] = [];
		const until = Date.now() + seconds * 1000;
		const started = process.hrtime.bigint();
		let k = 0;
		await Promise.all(
			Array.from({ length: c }, async () => {
				while (Date.now() < until) {
					const set = captured[k++ % captured.length]!;
					const t = process.hrtime.bigint();
					await run(set);
					latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
				}
			})
		);
		out[c] = summarise(latencies, Number(process.hrtime.bigint() - started) / 1e9, 0, {}, c);
		log(`ceiling dashboard SQL    c=${String(c).padStart(3)}  ${out[c]!.rps} dashboards/s (${captured[0]?.length} statements each)`);
	}
	return out;
}
