/** `node build` as a child process the fault run can kill, restart on the same port, and watch exit. */
import { spawn, type ChildProcess } from 'node:child_process';

export type App = {
	child: ChildProcess;
	base: string;
	/** Everything the process wrote to stderr and stdout so far. */
	output: () => string;
	/** Resolves with the exit code (or signal) and when it came. */
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
	alive: () => boolean;
};

export function startApp(port: number, env: Record<string, string>): App {
	const base = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			RATE_LIMIT_LOGIN: '100000/100000',
			SHUTDOWN_TIMEOUT: '20',
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
	child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
	let alive = true;
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
		child.once('exit', (code, signal) => {
			alive = false;
			resolve({ code, signal, at: Date.now() });
		})
	);
	return { child, base, output: () => log, exited, alive: () => alive };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until /healthz answers 200 (the app is up and reaches its database); false after `seconds`. */
export async function waitHealthy(app: App, seconds: number): Promise<boolean> {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until && app.alive()) {
		try {
			const r = await fetch(`${app.base}/healthz`, { signal: AbortSignal.timeout(2000) });
			await r.arrayBuffer();
			if (r.status === 200) return true;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	return false;
}

/** Stops the app if it still runs (SIGKILL after a grace period) and waits for it to be gone. */
export async function stopApp(app: App | undefined): Promise<void> {
	if (!app?.alive()) return;
	app.child.kill('SIGTERM');
	const timer = setTimeout(() => app.child.kill('SIGKILL'), 5000);
	await app.exited;
	clearTimeout(timer);
}
