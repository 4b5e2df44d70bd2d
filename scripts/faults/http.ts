/**
 * How a writer talks to the app: an action post as the enhanced forms send it (over fetch, or on a
 * connection of its own where "refused" and "dropped in flight" must be told apart), and its answer read back.
 */
import { request as httpRequest } from 'node:http';

/** What one request got: an HTTP answer, or none (refused: never reached the server; lost: sent, no answer). */
export type Reply = { status: number; text: string } | { none: 'refused' | 'lost'; error: string };

/** An action's JSON answer as SvelteKit sends it to an enhanced form. */
export type ActionResult = { type?: string; status?: number; location?: string; data?: string };

/** SvelteKit's action answers are devalue's flat form; plain objects, arrays and primitives are all we need. */
export function unflatten(json: string): unknown {
	const data = JSON.parse(json) as unknown[];
	const at = (i: number): unknown => {
		if (i < 0) return undefined;
		const v = data[i];
		if (Array.isArray(v)) return v.map((x) => at(x as number));
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, at(x as number)]));
		return v;
	};
	return at(0);
}

/** One action post as the enhanced forms send it, over fetch (keep-alive). */
export async function postFetch(base: string, cookie: string, path: string, form: URLSearchParams, timeoutMs = 10_000): Promise<Reply> {
	try {
		const r = await fetch(`${base}${path}`, {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true', origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: form.toString(),
			signal: AbortSignal.timeout(timeoutMs)
		});
		return { status: r.status, text: await r.text() };
	} catch (error) {
		const e = error as { cause?: { code?: string }; message: string };
		return { none: e.cause?.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.cause?.code ?? e.message };
	}
}

/** The same post on a connection of its own (no pool), so that "refused" and "dropped in flight" are told apart exactly. */
export function postOwnConnection(base: string, cookie: string, path: string, form: URLSearchParams, onSent?: () => void): Promise<Reply> {
	const url = new URL(path, base);
	const body = form.toString();
	return new Promise((resolve) => {
		const req = httpRequest(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					origin: base,
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					connection: 'close'
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
				res.on('error', (e) => resolve({ none: 'lost', error: e.message }));
			}
		);
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ none: e.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.code ?? e.message }));
		req.on('finish', () => onSent?.());
		req.end(body);
	});
}

/** A GET on a connection of its own: after SIGTERM it must be refused. */
export function getOwnConnection(url: string): Promise<Reply> {
	return new Promise((resolve) => {
		const req = httpRequest(url, { agent: false, headers: { connection: 'close' } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: '' }));
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ none: e.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.code ?? e.message }));
		req.end();
	});
}
