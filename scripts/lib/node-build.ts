/**
 * `node build` (or another small node server) as a child process that the benchmark and the fault run
 * start, wait for, stop, kill and restart on the same port, and watch exit. One place for it, so both
 * runs start the server the same way and a change of its environment is made once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number };

export type App = {
	child: ChildProcess;
	base: string;
	/** What the process wrote to stdout and stderr so far (the last 20,000 characters; only with output 'capture'). */
	output: () => string;
	/** Resolves with the exit code (or signal) and when it came. */
	exited: Promise<Exit>;
	alive: () => boolean;
};

export type StartOptions = {
	/** Added to this process's environment, after PORT, HOST and ORIGIN. */
	env?: Record<string, string>;
	/** Node's own flags, before the script; for `build` after those of `npm start` (startFlags). */
	nodeArgs?: string[];
	/** What node runs: `build` unless told otherwise (the benchmark's bare server passes `-e` and its code). */
	script?: string[];
	/**
	 * 'capture' keeps the output for a failure message (the fault run); 'stderr' drops stdout and passes
	 * stderr through, so the benchmark's own process does not spend CPU reading every log line; 'ignore'
	 * drops both.
	 */
	output?: 'capture' | 'stderr' | 'ignore';
};

/**
 * Node's own flags in `npm start` (package.json's `start` script, e.g. the heap sizes): the one place they are
 * written. Every `node build` started here gets them, so the benchmark and the fault run measure the server
 * as production runs it.
 */
export function startFlags(): string[] {
	const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
	return start.split(/\s+/).filter((arg) => arg.startsWith('--'));
}

export function startApp(port: number, options: StartOptions = {}): App {
	const base = `http://127.0.0.1:${port}`;
	const output = options.output ?? 'capture';
	const stdio = output === 'capture' ? 'pipe' : output === 'stderr' ? ['ignore', 'ignore', 'inherit'] : 'ignore';
	const nodeArgs = [...(options.script ? [] : startFlags()), ...(options.nodeArgs ?? [])];
	const child = spawn(process.execPath, [...nodeArgs, ...(options.script ?? ['build'])], {
		env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: base, ...options.env },
		stdio: stdio as 'pipe'
	});
	let log = '';
	const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	let alive = true;
	const exited = new Promise<Exit>((resolve) =>
		child.once('exit', (code, signal) => {
			alive = false;
			resolve({ code, signal, at: Date.now() });
		})
	);
	return { child, base, output: () => log, exited, alive: () => alive };
}

/** Waits until `path` answers 200 (for `node build`, /healthz: up and reaching its database); false after `seconds`. */
export async function waitHealthy(app: App, seconds: number, path = '/healthz'): Promise<boolean> {
	const until = Date.now() + seconds * 1000;
	while (Date.now() < until && app.alive()) {
		try {
			const r = await fetch(`${app.base}${path}`, { signal: AbortSignal.timeout(2000) });
			await r.arrayBuffer();
			if (r.status === 200) return true;
		} catch {
			// not listening yet
		}
		await sleep(100);
	}
	return false;
}

/** Stops the app if it still runs (SIGTERM, then SIGKILL after `graceMs`) and waits until it is gone. */
export async function stopApp(app: App | undefined, graceMs = 5000): Promise<void> {
	if (!app?.alive()) return;
	app.child.kill('SIGTERM');
	const timer = setTimeout(() => app.child.kill('SIGKILL'), graceMs);
	await app.exited;
	clearTimeout(timer);
}
