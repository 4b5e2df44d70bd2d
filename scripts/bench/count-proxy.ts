/**
 * Counts the SQL statements the app sends, at the wire: a TCP relay between `node build` and
 * PostgreSQL that reads the client's protocol messages. Every Execute ('E', extended protocol, as
 * drizzle and postgres.js send each query) and every simple Query ('Q') is one statement;
 * BEGIN/COMMIT/ROLLBACK/SAVEPOINT among them are counted apart as transaction control.
 * Exact and independent of the server's configuration (pg_stat_statements needs a restart to load;
 * pg_stat_database's counters are flushed late and count transactions, not statements).
 */
import { connect, createServer, type Server } from 'node:net';

export type StatementCount = { all: number; txControl: number; byText: Map<string, number> };

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;

export async function countingProxy(
	upstreamHost: string,
	upstreamPort: number
): Promise<{ port: number; count: () => StatementCount; close: () => Promise<void> }> {
	const total = { all: 0, txControl: 0 };
	const byText = new Map<string, number>();
	const tally = (text: string) => {
		total.all++;
		if (/^\s*(begin|commit|rollback|savepoint|release|start transaction)/i.test(text)) total.txControl++;
		byText.set(text, (byText.get(text) ?? 0) + 1);
	};
	const server: Server = createServer((client) => {
		const upstream = connect(upstreamPort, upstreamHost);
		client.setNoDelay(true);
		upstream.setNoDelay(true);
		let pending: Buffer = Buffer.alloc(0);
		// The startup message (and an SSL or GSS request before it) has no type byte; all later ones do.
		let startup = true;
		// Statement texts by prepared name (from Parse), and the text the next Execute runs (from Bind).
		const prepared = new Map<string, string>();
		let bound = '';
		const cstring = (from: number): [string, number] => {
			const end = pending.indexOf(0, from);
			return [pending.toString('utf8', from, end), end + 1];
		};
		client.on('data', (chunk: Buffer) => {
			upstream.write(chunk);
			pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
			let at = 0;
			for (;;) {
				if (startup) {
					if (pending.length - at < 8) break;
					const length = pending.readInt32BE(at);
					if (pending.length - at < length) break;
					const code = pending.readInt32BE(at + 4);
					at += length;
					if (code !== SSL_REQUEST && code !== GSSENC_REQUEST) startup = false;
					continue;
				}
				if (pending.length - at < 5) break;
				const type = pending[at];
				const length = pending.readInt32BE(at + 1);
				if (pending.length - at < 1 + length) break;
				if (type === 0x50 /* P: Parse */) {
					const [name, next] = cstring(at + 5);
					prepared.set(name, cstring(next)[0]);
				} else if (type === 0x42 /* B: Bind */) {
					const [, next] = cstring(at + 5);
					bound = prepared.get(cstring(next)[0]) ?? '?';
				} else if (type === 0x45 /* E: Execute */) tally(bound);
				else if (type === 0x51 /* Q: simple query */) tally(cstring(at + 5)[0]);
				at += 1 + length;
			}
			pending = at >= pending.length ? Buffer.alloc(0) : pending.subarray(at);
		});
		upstream.pipe(client);
		const end = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', end).on('close', end);
		upstream.on('error', end).on('close', end);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		port,
		count: () => ({ ...total, byText: new Map(byText) }),
		close: () => new Promise((resolve) => server.close(() => resolve()))
	};
}
