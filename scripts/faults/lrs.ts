/**
 * A Learning Record Store double on loopback for the app's XAPI_ENDPOINT: it takes `PUT /xapi/statements?statementId=…`
 * as the sender makes it, with the installation's Basic credentials, and counts what arrives by statement id — how
 * often each came, and whether a repeat carried the same statement (a resend after a kill must: the id is stable).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Lrs = {
	env: Record<string, string>;
	/** Statement id -> the body first received and how many PUTs carried it. */
	received: Map<string, { body: string; puts: number; differing: number }>;
	refused: number;
	close: () => Promise<void>;
};

const KEY = 'fault-run-lrs';
const SECRET = 'fault-run-lrs-secret';

/** A statement as compared: parsed and printed again, so that key order alone is no difference. */
function canonical(text: string): string {
	const sort = (v: unknown): unknown =>
		Array.isArray(v)
			? v.map(sort)
			: v && typeof v === 'object'
				? Object.fromEntries(
						Object.entries(v)
							.sort(([a], [b]) => a.localeCompare(b))
							.map(([k, x]) => [k, sort(x)])
					)
				: v;
	try {
		return JSON.stringify(sort(JSON.parse(text)));
	} catch {
		return text;
	}
}

export async function startLrs(): Promise<Lrs> {
	const received: Lrs['received'] = new Map();
	const authorization = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
	const lrs = { received, refused: 0 } as Lrs;
	const server: Server = createServer((req, res) => {
		let text = '';
		req.setEncoding('utf8');
		req.on('data', (d: string) => (text += d));
		req.on('end', () => {
			const url = new URL(req.url ?? '/', 'http://lrs');
			const id = url.searchParams.get('statementId');
			if (req.method !== 'PUT' || url.pathname !== '/xapi/statements' || !id || req.headers.authorization !== authorization) {
				lrs.refused++;
				res.writeHead(req.headers.authorization === authorization ? 400 : 401).end();
				return;
			}
			const body = canonical(text);
			const seen = received.get(id);
			if (!seen) received.set(id, { body, puts: 1, differing: 0 });
			else {
				seen.puts++;
				if (seen.body !== body) seen.differing++;
			}
			// xAPI 2.0: 204 for a statement stored, and for one already held that is the same; 409 for another under a held id.
			res.writeHead(seen && seen.body !== body ? 409 : 204).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	lrs.env = { XAPI_ENDPOINT: `http://127.0.0.1:${port}/xapi/`, XAPI_KEY: KEY, XAPI_SECRET: SECRET };
	lrs.close = () =>
		new Promise<void>((resolve) => {
			server.close(() => resolve());
			server.closeAllConnections();
		});
	return lrs;
}
