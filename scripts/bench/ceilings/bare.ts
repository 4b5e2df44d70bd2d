/** Ceiling 1: the same dashboard bytes from a bare node:http server, its own process like node build: what the machine can do at most. */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../lib/free-port';
import { startApp, stopApp, waitHealthy, type App } from '../../lib/node-build';
import { drive, type Measured } from '../load';

const SERVER = `const b=require('node:fs').readFileSync(process.env.BODY_FILE);require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});s.end(b)}).listen(+process.env.PORT,'127.0.0.1')`;

export async function bareCeiling(
	body: Buffer,
	levels: number[],
	seconds: number,
	log: (text: string) => void,
	track: (app: App | undefined) => void
): Promise<Record<number, Measured>> {
	const bodyFile = join(tmpdir(), `ontroerd-bench-${process.pid}.html`);
	writeFileSync(bodyFile, body);
	const bare = startApp(await freePort(), { script: ['-e', SERVER], env: { BODY_FILE: bodyFile }, output: 'ignore' });
	// Handed to the caller's clean-up, so that an interrupted run stops it too.
	track(bare);
	if (!(await waitHealthy(bare, 10, '/'))) throw new Error('bare node server: not within 10 s');
	const out: Record<number, Measured> = {};
	for (const c of levels) {
		out[c] = await drive(bare.base, c, seconds, () => ({
			first: { method: 'GET', path: '/', headers: { accept: 'text/html' } },
			check: (s) => ({ ok: s === 200 })
		}));
		log(`ceiling bare node:http   c=${String(c).padStart(3)}  ${out[c]!.rps} req/s`);
	}
	await stopApp(bare, 10_000);
	track(undefined);
	return out;
}
