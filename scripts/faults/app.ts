/**
 * `node build` as the fault run starts it (scripts/lib/node-build.ts does the spawning): production mode,
 * the login throttle out of the way of 100 writers logging in at once, and SHUTDOWN_TIMEOUT at 20 s so
 * that a shutdown which waits it out shows in the SIGTERM scenario.
 */
import { startApp, type App } from '../lib/node-build';

export function startFaultApp(port: number, env: Record<string, string>): App {
	return startApp(port, { env: { NODE_ENV: 'production', RATE_LIMIT_LOGIN: '100000/100000', SHUTDOWN_TIMEOUT: '20', ...env }, output: 'capture' });
}
