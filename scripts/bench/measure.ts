/**
 * Measuring a scenario against the running server: throughput and latency (autocannon, load.ts), the
 * statements it sends (the counting relay), its CPU time and peak memory (process-meters.ts).
 */
import type { App } from '../lib/node-build';
import type { StatementCount } from './count-proxy';
import { drive, type Measured, type Next, type Plan } from './load';
import { cpuMs, RssWatch } from './process-meters';

/** The statement by which the xAPI sender's background poll is known (see countStatements). */
const BACKGROUND = /^select "id" from "xapi_outbox" where \("xapi_outbox"."sent_at" is null/;

export type Scored = Measured & { statements: number; txControl: number; rssMb: number; cpuPerRequest: number };
export type Breakdown = Record<string, { perRequest: number; query: string }[]>;

export function meter(app: App, proxy: { count: () => StatementCount }, log: (text: string) => void) {
	const base = app.base;
	const pid = app.child.pid ?? 0;
	const rss = new RssWatch(pid);
	/** Which statements each scenario ran, per request (from countStatements). */
	const breakdown: Breakdown = {};

	/**
	 * Waits until no statement has arrived for a moment: requests still in flight when autocannon stops
	 * (hundreds at 100 connections) would otherwise count towards the next scenario.
	 */
	async function settle(): Promise<void> {
		// A long quiet spell: on a busy machine requests queued for a pooled connection can stall a while.
		const until = Date.now() + 30_000;
		let last = proxy.count().all;
		while (Date.now() < until) {
			await new Promise((r) => setTimeout(r, 1500));
			const now = proxy.count().all;
			if (now === last) return;
			last = now;
		}
	}

	/**
	 * Statements per request, exactly: a scenario's requests sent one at a time (no request in flight
	 * at either end of the count), with which statements they were.
	 */
	async function countStatements(name: string, plan: (i: number) => Plan, n = 20): Promise<{ statements: number; txControl: number }> {
		const p = plan(0);
		let next: Next | undefined = p.first;
		await settle();
		const before = proxy.count();
		let sent = 0;
		for (; sent < n && next; sent++) {
			const response: Response = await fetch(`${base}${next.path}`, { method: next.method, headers: next.headers, body: next.body, redirect: 'manual' });
			next = p.check(response.status, await response.text(), Object.fromEntries(response.headers)).next ?? next;
		}
		await settle();
		const after = proxy.count();
		const per = (x: number) => Math.round((x / Math.max(1, sent)) * 100) / 100;
		breakdown[name] = [...after.byText]
			.map(([query, k]) => ({ query: query.replace(/\s+/g, ' ').slice(0, 160), perRequest: per(k - (before.byText.get(query) ?? 0)) }))
			.filter((x) => x.perRequest > 0)
			.sort((a, b) => b.perRequest - a.perRequest)
			.slice(0, 12);
		// The xAPI sender's poll (src/lib/server/xapi/sender.ts: BEGIN, one claim SELECT, COMMIT every few seconds, with
		// nothing due) runs beside the requests, not for them: a slow page would otherwise be charged more of its polls.
		const polls = [...after.byText].filter(([query]) => BACKGROUND.test(query)).reduce((a, [query, k]) => a + k - (before.byText.get(query) ?? 0), 0);
		return { statements: per(after.all - before.all - 3 * polls), txControl: per(after.txControl - before.txControl - 2 * polls) };
	}

	async function measure(name: string, connections: number, seconds: number, plan: (i: number) => Plan): Promise<Scored> {
		await settle();
		const before = proxy.count();
		const cpuBefore = cpuMs(pid);
		rss.start();
		const m = await drive(base, connections, seconds, plan);
		const rssMb = rss.stop();
		await settle();
		const after = proxy.count();
		const cpuPerRequest = Math.round(((cpuMs(pid) - cpuBefore) / Math.max(1, m.requests)) * 100) / 100;
		// Under load, requests cut off at the end still ran their statements: an upper bound, see countStatements.
		const per = (x: number) => Math.round((x / Math.max(1, m.requests)) * 100) / 100;
		const out = { ...m, statements: per(after.all - before.all), txControl: per(after.txControl - before.txControl), rssMb, cpuPerRequest };
		log(
			`${name.padEnd(22)} c=${String(connections).padStart(3)}  ${String(out.rps).padStart(6)} req/s  p50 ${out.p50} ms  p99 ${out.p99} ms  errors ${out.errors}  sql/req ${out.statements}  server cpu ${cpuPerRequest} ms/req  rss ${rssMb} MB`
		);
		return out;
	}

	return { settle, countStatements, measure, breakdown, hwmMb: () => rss.hwmMb() };
}
