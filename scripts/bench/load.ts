/** Drives a server with autocannon in-process; each connection gets its own plan (learner, cookie, next request). */
import autocannon, { type Client, type Request } from 'autocannon';

export type Next = { method: string; path: string; headers: Record<string, string>; body?: string };
/** A connection's behaviour: its first request, and after each response whether it was good and what comes next (a redirect's target in `headers.location`). */
export type Plan = { first: Next; check: (status: number, body: string, headers: Record<string, string>) => { ok: boolean; next?: Next } };

export type Measured = {
	connections: number;
	seconds: number;
	requests: number;
	rps: number;
	p50: number;
	p95: number;
	p99: number;
	errors: number;
	status: Record<string, number>;
};

export function percentile(sorted: number[], p: number): number {
	if (sorted.length === 0) return 0;
	const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
	return sorted[i] ?? 0;
}

export function summarise(latencies: number[], seconds: number, errors: number, status: Record<string, number>, connections: number): Measured {
	const sorted = [...latencies].sort((a, b) => a - b);
	const round = (x: number) => Math.round(x * 100) / 100;
	return {
		connections,
		seconds: round(seconds),
		requests: sorted.length,
		rps: Math.round(sorted.length / seconds),
		p50: round(percentile(sorted, 50)),
		p95: round(percentile(sorted, 95)),
		p99: round(percentile(sorted, 99)),
		errors,
		status
	};
}

export async function drive(base: string, connections: number, seconds: number, plan: (connection: number) => Plan): Promise<Measured> {
	let bad = 0;
	let next = 0;
	const latencies: number[] = [];
	const status: Record<string, number> = {};
	const toRequest = (n: Next, onResponse: Request['onResponse']): Request => ({ method: n.method, path: n.path, headers: n.headers, body: n.body, onResponse });
	const started = process.hrtime.bigint();
	const instance = autocannon({
		url: base,
		connections,
		duration: seconds,
		timeout: 10,
		setupClient(client: Client) {
			const p = plan(next++);
			const onResponse = (code: number, body: string, _context: unknown, headers: Record<string, string>) => {
				status[code] = (status[code] ?? 0) + 1;
				const verdict = p.check(code, body, headers ?? {});
				if (!verdict.ok) bad++;
				if (verdict.next) client.setRequests([toRequest(verdict.next, onResponse)]);
			};
			client.setRequests([toRequest(p.first, onResponse)]);
		}
	});
	instance.on('response', (_client: unknown, _code: number, _bytes: number, time: number) => latencies.push(time));
	const result = await instance;
	const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
	return summarise(latencies, Math.min(elapsed, result.duration || elapsed), bad + result.errors, status, connections);
}
