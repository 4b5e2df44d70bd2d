/**
 * `node build` as the benchmark runs it (scripts/lib/node-build.ts does the spawning, with the V8 flags
 * of `npm start`, so the figures are those of the production server), and with the rate limits out of the
 * way of thousands of requests from one address.
 */
import { freePort } from '../lib/free-port';
import { startApp, startFlags, waitHealthy, type App } from '../lib/node-build';

export async function startBenchServer(databaseUrl: string): Promise<{ app: App; startFlags: string[] }> {
	const port = await freePort();
	// BENCH_PROFILE=1: a V8 CPU profile of node build over the whole run, written when it stops (open it in Chrome's DevTools).
	const profileArgs = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
	const app = startApp(port, {
		nodeArgs: profileArgs,
		env: {
			DATABASE_URL: databaseUrl,
			RATE_LIMIT_LOGIN: '100000/100000',
			RATE_LIMIT_REGISTER: '100000/100000',
			RATE_LIMIT_INVITE: '100000/100000',
			RATE_LIMIT_VERIFY: '100000/100000'
		},
		output: 'stderr'
	});
	return { app, startFlags: startFlags() };
}

/** Throws unless /healthz answers within a minute (the server runs its migrations first). */
export async function awaitBenchServer(app: App): Promise<void> {
	if (!(await waitHealthy(app, 60))) throw new Error('node build: not within 60 s');
}
