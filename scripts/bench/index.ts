/**
 * `npm run bench`: builds the app, seeds a fresh database on the PostgreSQL server in DATABASE_URL,
 * runs `node build` and drives it with autocannon next to the machine's ceilings (a bare node:http
 * server with the same bytes, the dashboard's SQL straight through postgres.js, a prerendered page from
 * the same server). Prints a table, writes JSON and Markdown under bench/results/, drops the database.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../../src/lib/server/db/schema';
import { openServer } from '../../src/lib/server/db/server';
import { createSession, generateSessionToken, validateSessionToken } from '../../src/lib/server/auth/session';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import { hashPassword } from '../../src/lib/server/auth/password';
import { learnerDashboard } from '../../src/lib/server/learning/dashboard';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import type { Db } from '../../src/lib/server/db';
import type { Item } from '../../src/lib/server/content/types';
import { addPopulation, formAnswer, rng, type Learner, type OpenQuestion, type Population } from './seed';
import { drive, summarise, type Measured, type Next, type Plan } from './load';
import { clientWeight } from './weight';
import { freePort } from '../lib/free-port';
import { countingProxy } from './count-proxy';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 5);
const LEVELS = [10, 100];
const t0 = Date.now();
const loadAtStart = (await import('node:os')).loadavg()[0] ?? 0;
const log = (text: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(4)} s] ${text}`);

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
	console.error(`npm run bench needs a PostgreSQL server on 127.0.0.1 (the embedded PGlite is no measure of a production server).
Set DATABASE_URL to a role that may create databases, for example:

  DATABASE_URL=postgres://bench:secret@127.0.0.1:5432/postgres npm run bench

The benchmark creates a fresh database ontroerd_bench_<timestamp> on that server and drops it at the end.
It counts statements at the wire (a relay between node build and the server), so no extension is needed.`);
	process.exit(2);
}

// ---------------------------------------------------------------- helpers

async function waitFor(check: () => Promise<boolean>, seconds: number, what: string): Promise<void> {
	const start = Date.now();
	while (Date.now() - start < seconds * 1000) {
		if (await check().catch(() => false)) return;
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${what}: not within ${seconds} s`);
}

function stop(child: ChildProcess | undefined): Promise<void> {
	if (!child || child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
		child.once('exit', () => {
			clearTimeout(timer);
			resolve();
		});
		child.kill('SIGTERM');
	});
}

/** CPU time (user + system) a process has used so far, in ms, from /proc: the server's cost per request, whatever else runs. */
function cpuMs(pid: number): number {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
		// utime and stime are fields 14 and 15 of stat, 12 and 13 after the command name; in clock ticks (100 a second).
		return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
	} catch {
		return 0;
	}
}

/** Peak resident memory of a process, polled from /proc. */
class RssWatch {
	peakKb = 0;
	private timer: NodeJS.Timeout | undefined;
	constructor(private pid: number) {}
	private read(field: 'VmRSS' | 'VmHWM'): number {
		try {
			const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
			return Number(m?.[1] ?? 0);
		} catch {
			return 0;
		}
	}
	start() {
		this.peakKb = this.read('VmRSS');
		this.timer = setInterval(() => (this.peakKb = Math.max(this.peakKb, this.read('VmRSS'))), 100);
	}
	stop(): number {
		clearInterval(this.timer);
		this.peakKb = Math.max(this.peakKb, this.read('VmRSS'));
		return Math.round(this.peakKb / 1024);
	}
	hwmMb(): number {
		return Math.round(this.read('VmHWM') / 1024);
	}
}

// ---------------------------------------------------------------- build
if (process.env.BENCH_SKIP_BUILD !== '1') {
	log('building (npm run i18n && npx vite build)');
	for (const [cmd, args] of [
		['npm', ['run', 'i18n', '--silent']],
		['npx', ['vite', 'build', '--logLevel', 'error']]
	] as const) {
		const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
		if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
	}
}

// ---------------------------------------------------------------- database
const course = loadCourse(readContentFiles('content'));
const dbName = `ontroerd_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
log(`created database ${dbName}`);

let server: ChildProcess | undefined;
let bare: ChildProcess | undefined;
let monitor: postgres.Sql | undefined;
let closeApp: (() => Promise<void>) | undefined;
const closers: (() => Promise<unknown>)[] = [];
const results: Record<string, unknown> = { startedAt: new Date().toISOString(), database: dbName, seconds: SECONDS, levels: LEVELS };

async function cleanup() {
	await stop(server);
	await stop(bare);
	await monitor?.end({ timeout: 2 }).catch(() => {});
	for (const close of closers) await close().catch(() => {});
	await closeApp?.().catch(() => {});
	await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch((e: Error) => console.error(`could not drop ${dbName}: ${e.message}`));
	await admin.end({ timeout: 2 });
	log(`dropped database ${dbName}`);
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
	const app = await openServer(benchUrl.toString(), 'drizzle');
	closeApp = app.close;
	const db: Db = app.db;
	monitor = postgres(benchUrl.toString(), { max: 1, onnotice: () => {} });
	// Statements are counted at the wire, between node build and PostgreSQL (see count-proxy.ts).
	const proxy = await countingProxy(benchUrl.hostname, Number(benchUrl.port || 5432));
	closers.push(proxy.close);
	const appUrl = new URL(benchUrl);
	appUrl.hostname = '127.0.0.1';
	appUrl.port = String(proxy.port);
	results.statementCounting = 'wire (Execute and Query messages from node build to PostgreSQL)';
	const statementTotal = async (): Promise<{ all: number; txControl: number }> => proxy.count();

	// ------------------------------------------------------------ seed, stage A: the supervisor's cohort of 200
	const passwordHash = await hashPassword('bench-password-not-secret');
	// After each bulk load, what autovacuum does on a live server: statistics, and the visibility map that
	// lets index-only scans skip the heap (without it a freshly loaded table reads as if it were cold).
	const vacuumAnalyze = () => monitor!.unsafe('vacuum analyze');
	log('seeding stage A: one supervisor with a cohort of 200 trainees');
	const overview = await addPopulation(db, course, { label: 'ov', cohorts: 1, perCohort: 200, seed: 1, passwordHash });
	await vacuumAnalyze();

	// ------------------------------------------------------------ server
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	// BENCH_PROFILE=1: a V8 CPU profile of node build over the whole run, written when it stops (open it in Chrome's DevTools).
	const profileArgs = process.env.BENCH_PROFILE === '1' ? ['--cpu-prof', '--cpu-prof-dir=bench/results/profiles'] : [];
	// The same V8 flags as `npm start` (package.json), so the figures are those of the production server.
	const startFlags = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start.split(/\s+/).filter((a) => a.startsWith('--'));
	server = spawn('node', [...startFlags, ...profileArgs, 'build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: base,
			DATABASE_URL: appUrl.toString(),
			RATE_LIMIT_LOGIN: '100000/100000',
			RATE_LIMIT_REGISTER: '100000/100000',
			RATE_LIMIT_INVITE: '100000/100000'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, 60, 'node build');
	const rss = new RssWatch(server.pid ?? 0);
	log(`node ${startFlags.join(' ')} build listens on ${base} (pid ${server.pid})`);

	// The session cookie's name as the production build sets it: log in once through the real form.
	const probeEmail = `probe@bench.ontroerd.nl`;
	await db.insert(schema.users).values({ id: crypto.randomUUID(), email: probeEmail, displayName: 'Probe', passwordHash });
	const login = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email: probeEmail, password: 'bench-password-not-secret' })
	});
	// The name comes from src/lib/server/auth/cookies.ts; a real login through the form confirms it.
	const httpOnly = login.headers.getSetCookie().find((c) => /;\s*httponly/i.test(c));
	const seen = httpOnly?.slice(0, httpOnly.indexOf('='));
	const cookieName = seen ?? SESSION_COOKIE;
	if (seen && seen !== SESSION_COOKIE) log(`note: cookies.ts names the session cookie ${SESSION_COOKIE}, the build sets ${seen}; using ${seen}`);
	log(`session cookie: ${cookieName} (${seen ? 'confirmed by a real login' : `login answered ${login.status}; using SESSION_COOKIE from cookies.ts`})`);
	results.cookieName = cookieName;

	const tokens = new Map<string, string>();
	async function sessionsFor(ids: string[]) {
		for (let i = 0; i < ids.length; i += 50) {
			await Promise.all(
				ids.slice(i, i + 50).map(async (id) => {
					const token = generateSessionToken();
					// Remembered sessions renew once a day, so no renewal write lands inside a measurement.
					await createSession(db, token, id, { rememberMe: true });
					tokens.set(id, token);
				})
			);
		}
	}
	const cookieOf = (id: string) => `${cookieName}=${tokens.get(id)}`;
	await sessionsFor(overview.learners.map((l) => l.id));
	const supervisor = overview.supervisors[0];
	if (!supervisor) throw new Error('no supervisor seeded');
	const supervisorTokens: string[] = [];
	for (let i = 0; i < 100; i++) {
		const token = generateSessionToken();
		await createSession(db, token, supervisor.id, { rememberMe: true });
		supervisorTokens.push(token);
	}
	const check = await fetch(`${base}/dashboard`, { headers: { cookie: cookieOf(overview.learners[0]!.id), accept: 'text/html' }, redirect: 'manual' });
	if (check.status !== 200) throw new Error(`a seeded session does not open /dashboard (status ${check.status}): is the cookie name right?`);
	const dashboardHtml = Buffer.from(await check.arrayBuffer());
	log(`dashboard HTML: ${dashboardHtml.length} bytes`);

	// ------------------------------------------------------------ scenarios
	const html = { accept: 'text/html' };
	const read = (learners: Learner[], path: (l: Learner) => string) => (i: number): Plan => {
		const l = learners[i % learners.length]!;
		const first: Next = { method: 'GET', path: path(l), headers: { ...html, cookie: cookieOf(l.id) } };
		return { first, check: (status) => ({ ok: status === 200 }) };
	};
	const lesson = course.modules[1]!.items.find((x) => x.type === 'lesson')!;
	const vignette = course.modules[0]!.items.find((x) => x.type === 'vignette')!;
	const reflectionItem = course.modules[0]!.items.find((x): x is Extract<Item, { type: 'reflection' }> => x.type === 'reflection')!;
	const at = (item: Item) => `/modules/${item.moduleId}/${item.id}`;

	/** Answer saves: each connection its own learners; every post answers a question not answered before. */
	const answering = (learners: Learner[], seed: number) => {
		let cursor = 0;
		const r = rng(seed);
		const nextOpen = (): { learner: Learner; q: OpenQuestion } | null => {
			// Each connection claims a learner of its own and answers its open questions, then claims the next.
			for (let tries = 0; tries < learners.length; tries++) {
				const learner = learners[cursor++ % learners.length]!;
				const q = learner.open.shift();
				if (q) return { learner, q };
			}
			return null;
		};
		return (): Plan => {
			let mine = nextOpen();
			const request = (): Next => {
				if (!mine) throw new Error('the population ran out of open questions');
				const form = new URLSearchParams({ question: mine.q.question.id });
				for (const v of formAnswer(mine.q.question, r)) form.append('answer', v);
				return {
					method: 'POST',
					path: `/modules/${mine.q.moduleId}/${mine.q.quizId}?/answer`,
					headers: { ...html, origin: base, cookie: cookieOf(mine.learner.id), 'content-type': 'application/x-www-form-urlencoded' },
					body: form.toString()
				};
			};
			return {
				first: request(),
				check: (status) => {
					const ok = status === 303;
					const q = mine!.learner.open.shift();
					// When every question is answered, the last post repeats: a no-op the app accepts.
					mine = q ? { learner: mine!.learner, q } : (nextOpen() ?? mine);
					return { ok, next: request() };
				}
			};
		};
	};

	/** Autosave as the enhanced form does it (JSON action); each connection its own learner and reflection, versions tracked. */
	const autosaving = (learners: Learner[]) => {
		let n = 0;
		return (): Plan => {
			const learner = learners[n++ % learners.length]!;
			const key = reflectionItem.reflectionKey;
			let version = learner.reflections.get(key) ?? 0;
			let edits = 0;
			const request = (): Next => ({
				method: 'POST',
				path: `${at(reflectionItem)}?/reflect`,
				headers: { accept: 'application/json', 'x-sveltekit-action': 'true', origin: base, cookie: cookieOf(learner.id), 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams({ key, version: String(version), visibility: 'private', body: `Wat mij raakt: ${'tranen '.repeat(20)} (bewerking ${++edits})` }).toString()
			});
			return {
				first: request(),
				check: (status, body) => {
					let ok = false;
					try {
						const result = JSON.parse(body) as { type: string; data?: string };
						const data = result.data ? (JSON.parse(result.data) as unknown[]) : [];
						// devalue's flat form: find the reflection object and read its version.
						const obj = data.find((x) => x && typeof x === 'object' && !Array.isArray(x) && 'version' in x) as Record<string, number> | undefined;
						const v = obj && typeof data[obj.version!] === 'number' ? (data[obj.version!] as number) : undefined;
						const conflict = data.find((x) => x && typeof x === 'object' && !Array.isArray(x) && 'conflict' in x);
						if (result.type === 'success' && v !== undefined) {
							version = v;
							ok = status === 200;
						} else if (conflict) {
							const c = data[(conflict as Record<string, number>).conflict!] as Record<string, number> | undefined;
							const cv = c ? data[c.version!] : undefined;
							if (typeof cv === 'number') version = cv;
						}
					} catch {
						ok = false;
					}
					learner.reflections.set(key, version);
					return { ok, next: request() };
				}
			};
		};
	};

	/** Calls per statement text, to show which statements a scenario ran. */
	const statementCalls = async (): Promise<Map<string, number>> => proxy.count().byText;
	const breakdown: Record<string, { perRequest: number; query: string }[]> = {};
	results.statementBreakdown = breakdown;

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
		const calls = await statementCalls();
		const before = await statementTotal();
		let sent = 0;
		for (; sent < n && next; sent++) {
			const response: Response = await fetch(`${base}${next.path}`, { method: next.method, headers: next.headers, body: next.body, redirect: 'manual' });
			next = p.check(response.status, await response.text()).next ?? next;
		}
		await settle();
		const after = await statementTotal();
		const per = (x: number) => Math.round((x / Math.max(1, sent)) * 100) / 100;
		const callsAfter = await statementCalls();
		breakdown[name] = [...callsAfter]
			.map(([query, k]) => ({ query: query.replace(/\s+/g, ' ').slice(0, 160), perRequest: per(k - (calls.get(query) ?? 0)) }))
			.filter((x) => x.perRequest > 0)
			.sort((a, b) => b.perRequest - a.perRequest)
			.slice(0, 12);
		return { statements: per(after.all - before.all), txControl: per(after.txControl - before.txControl) };
	}

	async function measure(name: string, connections: number, seconds: number, plan: (i: number) => Plan): Promise<Measured & { statements: number; txControl: number; rssMb: number; cpuPerRequest: number }> {
		await settle();
		const before = await statementTotal();
		const cpuBefore = cpuMs(server!.pid ?? 0);
		rss.start();
		const m = await drive(base, connections, seconds, plan);
		const rssMb = rss.stop();
		await settle();
		const after = await statementTotal();
		const cpuPerRequest = Math.round(((cpuMs(server!.pid ?? 0) - cpuBefore) / Math.max(1, m.requests)) * 100) / 100;
		// Under load, requests cut off at the end still ran their statements: an upper bound, see countStatements.
		const per = (x: number) => Math.round((x / Math.max(1, m.requests)) * 100) / 100;
		const out = { ...m, statements: per(after.all - before.all), txControl: per(after.txControl - before.txControl), rssMb, cpuPerRequest };
		log(`${name.padEnd(22)} c=${String(connections).padStart(3)}  ${String(out.rps).padStart(6)} req/s  p50 ${out.p50} ms  p99 ${out.p99} ms  errors ${out.errors}  sql/req ${out.statements}  server cpu ${cpuPerRequest} ms/req  rss ${rssMb} MB`);
		return out;
	}

	// The dashboard's own SQL, captured from the app's functions through a logging drizzle instance.
	type Captured = { query: string; params: unknown[] }[];
	const rawSql = postgres(benchUrl.toString(), { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });
	closers.push(() => rawSql.end({ timeout: 2 }));
	async function captureDashboards(learners: Learner[]): Promise<Captured[]> {
		const out: Captured[] = [];
		for (const l of learners) {
			const current: Captured = [];
			const logging = drizzle(rawSql, { schema, logger: { logQuery: (query: string, params: unknown[]) => void current.push({ query, params }) } }) as unknown as Db;
			await validateSessionToken(logging, tokens.get(l.id)!);
			await learnerDashboard(logging, l.id);
			out.push(current);
		}
		return out;
	}
	const runDashboard = async (set: Captured) => {
		const [first, ...rest] = set;
		if (first) await rawSql.unsafe(first.query, first.params as never[], { prepare: true });
		await Promise.all(rest.map((q) => rawSql.unsafe(q.query, q.params as never[], { prepare: true })));
	};
	/** Mean database time of one dashboard, one at a time (little affected by other load on the machine). */
	async function sqlMs(sets: Captured[]): Promise<number> {
		for (const set of sets) await runDashboard(set); // warm (plans, caches)
		const times: number[] = [];
		for (let pass = 0; pass < 3; pass++) {
			for (const set of sets) {
				const t = process.hrtime.bigint();
				await runDashboard(set);
				times.push(Number(process.hrtime.bigint() - t) / 1e6);
			}
		}
		times.sort((a, b) => a - b);
		return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
	}

	// ------------------------------------------------------------ growth, at 200 learners
	const growth: Record<string, { small?: Measured & { statements: number }; large?: Measured & { statements: number } }> = { dashboard: {}, answer: {} };
	const growthLearners = overview.learners.slice(0, 100);
	const growthAnswers = answering(overview.learners.slice(100), 7);
	const growthSql = await captureDashboards(growthLearners);
	const sqlSmall = await sqlMs(growthSql);
	await drive(base, 10, 5, read(growthLearners, () => '/dashboard')); // warm-up: a fresh process, JIT still cold
	growth.dashboard!.small = await measure('growth dashboard @200', 10, CEILING_SECONDS, read(growthLearners, () => '/dashboard'));
	growth.answer!.small = await measure('growth answer @200', 10, CEILING_SECONDS, growthAnswers);

	// ------------------------------------------------------------ seed, stage B: 2,000 learners in 40 cohorts
	log('seeding stage B: 40 supervisors with cohorts of 50');
	const main: Population = await addPopulation(db, course, { label: 'c', cohorts: 40, perCohort: 50, seed: 2, passwordHash });
	await vacuumAnalyze();
	await sessionsFor(main.learners.map((l) => l.id));
	const [{ n: learnerCount } = { n: 0 }] = await monitor.unsafe(`select count(*)::int as n from users where role = 'trainee' and email <> 'probe@bench.ontroerd.nl'`);
	log(`population: ${learnerCount} learners`);
	results.population = { learners: learnerCount, cohorts: 41, supervisorCohort: 200 };

	const readers = main.learners.filter((_, i) => i % 10 === 0); // 200 learners from every cohort
	const writers = main.learners.filter((_, i) => i % 10 === 1);
	const savers = main.learners.filter((_, i) => i % 10 === 2);
	const supervisorPlan = (i: number): Plan => ({
		first: { method: 'GET', path: `/supervisor/cohorts/${supervisor.cohortId}`, headers: { ...html, cookie: `${cookieName}=${supervisorTokens[i % supervisorTokens.length]}` } },
		check: (status) => ({ ok: status === 200 })
	});
	const ov = await fetch(`${base}/supervisor/cohorts/${supervisor.cohortId}`, { headers: { ...html, cookie: `${cookieName}=${supervisorTokens[0]}` } });
	if (ov.status !== 200) throw new Error(`cohort overview answered ${ov.status}`);
	const answerPlans = answering(writers, 3);
	const savePlans = autosaving(savers);
	const scenarios: { name: string; kind: 'page' | 'write'; plan: (i: number) => Plan }[] = [
		{ name: 'dashboard', kind: 'page', plan: read(readers, () => '/dashboard') },
		{ name: 'lesson', kind: 'page', plan: read(readers, () => at(lesson)) },
		{ name: 'vignette step', kind: 'page', plan: read(readers, () => at(vignette)) },
		{ name: 'answer save', kind: 'write', plan: answerPlans },
		{ name: 'reflection autosave', kind: 'write', plan: savePlans },
		{ name: 'cohort overview (200)', kind: 'page', plan: supervisorPlan }
	];

	// ------------------------------------------------------------ ceilings
	// 1. the same dashboard bytes from a bare node:http server (its own process, like node build)
	const bodyFile = join(tmpdir(), `ontroerd-bench-${process.pid}.html`);
	writeFileSync(bodyFile, dashboardHtml);
	const barePort = await freePort();
	bare = spawn(
		'node',
		[
			'-e',
			`const b=require('node:fs').readFileSync(process.env.BODY_FILE);require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html; charset=utf-8','content-length':b.length});s.end(b)}).listen(+process.env.PORT,'127.0.0.1')`
		],
		{ env: { ...process.env, BODY_FILE: bodyFile, PORT: String(barePort) }, stdio: 'ignore' }
	);
	await waitFor(async () => (await fetch(`http://127.0.0.1:${barePort}/`)).status === 200, 10, 'bare node server');
	const ceilings: Record<string, Record<number, Measured>> = { bare: {}, static: {}, sql: {} };
	for (const c of LEVELS) {
		ceilings.bare![c] = await drive(`http://127.0.0.1:${barePort}`, c, CEILING_SECONDS, () => ({ first: { method: 'GET', path: '/', headers: html }, check: (s) => ({ ok: s === 200 }) }));
		log(`ceiling bare node:http   c=${String(c).padStart(3)}  ${ceilings.bare![c]!.rps} req/s`);
	}
	await stop(bare);
	bare = undefined;

	// 2. a prerendered page from the same SvelteKit server (src/routes/ceiling, the course overview built at build time)
	const prerenderedPath = '/ceiling';
	const prerendered = await fetch(`${base}${prerenderedPath}`, { headers: html });
	const prerenderedBytes = (await prerendered.arrayBuffer()).byteLength;
	if (prerendered.status !== 200 || !existsSync('build/prerendered/ceiling.html')) throw new Error(`${prerenderedPath} is not a prerendered page (status ${prerendered.status})`);
	results.prerenderedPage = { path: prerenderedPath, bytes: prerenderedBytes };
	const prerenderedCpu: Record<number, number> = {};
	results.prerenderedCpuPerRequest = prerenderedCpu;
	for (const c of LEVELS) {
		const cpuBefore = cpuMs(server.pid ?? 0);
		ceilings.static![c] = await drive(base, c, CEILING_SECONDS, () => ({ first: { method: 'GET', path: prerenderedPath, headers: html }, check: (s) => ({ ok: s === 200 }) }));
		prerenderedCpu[c] = Math.round(((cpuMs(server.pid ?? 0) - cpuBefore) / Math.max(1, ceilings.static![c]!.requests)) * 1000) / 1000;
		log(`ceiling prerendered page c=${String(c).padStart(3)}  ${ceilings.static![c]!.rps} req/s  (${prerenderedPath}, ${prerenderedBytes} B)`);
	}

	// 3. the dashboard's own SQL (captured from the app's functions) straight through postgres.js, pool of 10 like the app
	const captured = await captureDashboards(readers.slice(0, 100));
	results.dashboardSql = captured[0]?.map((q) => q.query);
	for (const c of LEVELS) {
		const latencies: number[] = [];
		const until = Date.now() + CEILING_SECONDS * 1000;
		const started = process.hrtime.bigint();
		let k = 0;
		await Promise.all(
			Array.from({ length: c }, async () => {
				while (Date.now() < until) {
					const set = captured[k++ % captured.length]!;
					const t = process.hrtime.bigint();
					await runDashboard(set);
					latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
				}
			})
		);
		ceilings.sql![c] = summarise(latencies, Number(process.hrtime.bigint() - started) / 1e9, 0, {}, c);
		log(`ceiling dashboard SQL    c=${String(c).padStart(3)}  ${ceilings.sql![c]!.rps} dashboards/s (${captured[0]?.length} statements each)`);
	}

	// ------------------------------------------------------------ the scenarios
	const measured: Record<string, Record<number, Measured & { statements: number; txControl: number; rssMb: number; cpuPerRequest: number }>> = {};
	await drive(base, 10, 2, scenarios[0]!.plan); // warm-up
	const exact: Record<string, { statements: number; txControl: number }> = {};
	results.statementsPerRequest = exact;
	for (const s of scenarios) {
		exact[s.name] = await countStatements(s.name, s.plan);
		measured[s.name] = {};
		for (const c of LEVELS) measured[s.name]![c] = await measure(s.name, c, SECONDS, s.plan);
	}
	const peakRss = Math.max(...Object.values(measured).flatMap((m) => LEVELS.map((c) => m[c]?.rssMb ?? 0)));
	const hwm = rss.hwmMb();

	// ------------------------------------------------------------ growth, at 20,000 learners
	const extra = 20_000 - Number(learnerCount);
	log(`seeding stage C: ${extra} more learners (to 20,000)`);
	const cohortsC = Math.ceil(extra / 50);
	await addPopulation(db, course, { label: 'g', cohorts: cohortsC, perCohort: 50, seed: 3, passwordHash });
	await vacuumAnalyze();
	const [{ n: bigCount } = { n: 0 }] = await monitor.unsafe(`select count(*)::int as n from users where role = 'trainee' and email <> 'probe@bench.ontroerd.nl'`);
	log(`population: ${bigCount} learners`);
	const sqlLarge = await sqlMs(growthSql);
	await rawSql.end({ timeout: 2 });
	await drive(base, 10, 5, read(growthLearners, () => '/dashboard')); // warm-up
	growth.dashboard!.large = await measure('growth dashboard @20k', 10, CEILING_SECONDS, read(growthLearners, () => '/dashboard'));
	growth.answer!.large = await measure('growth answer @20k', 10, CEILING_SECONDS, growthAnswers);

	// EXPLAIN ANALYZE of the dashboard statements at 20,000 learners.
	const explain: { query: string; ms: number; plan: string }[] = [];
	for (const q of captured[0] ?? []) {
		const rows = await monitor.unsafe(`explain (analyze, buffers, format text) ${q.query}`, q.params as never[]);
		const lines = rows.map((r) => String(Object.values(r)[0]));
		const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
		explain.push({ query: q.query, ms, plan: lines.join('\n') });
	}

	// ------------------------------------------------------------ client weight
	const weight = clientWeight('.svelte-kit/output');

	// ------------------------------------------------------------ report
	const pct = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 1000) / 10 : 0);
	const rows: string[][] = [];
	for (const s of scenarios) {
		for (const c of LEVELS) {
			const m = measured[s.name]![c]!;
			rows.push([s.name, String(c), String(m.rps), m.p50.toFixed(1), m.p95.toFixed(1), m.p99.toFixed(1), String(m.errors), `${pct(m.rps, ceilings.bare![c]!.rps)}%`, `${pct(m.rps, ceilings.static![c]!.rps)}%`, s.name === 'dashboard' ? `${pct(m.rps, ceilings.sql![c]!.rps)}%` : '', `${exact[s.name]!.statements}${exact[s.name]!.txControl ? ` (${exact[s.name]!.txControl} tx)` : ''}`, m.cpuPerRequest.toFixed(2), String(m.rssMb)]);
		}
	}
	for (const [name, k] of [['ceiling: bare node:http', 'bare'], ['ceiling: prerendered page', 'static'], ['ceiling: dashboard SQL', 'sql']] as const) {
		for (const c of LEVELS) {
			const m = ceilings[k]![c]!;
			rows.push([name, String(c), String(m.rps), m.p50.toFixed(1), m.p95.toFixed(1), m.p99.toFixed(1), String(m.errors), '', '', '', '', '', '']);
		}
	}
	const header = ['scenario', 'conn', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors', '% bare', '% prerendered', '% SQL', 'SQL/req', 'CPU ms/req', 'peak RSS MB'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (r: string[]) => r.map((x, i) => (i === 0 ? x.padEnd(widths[i]!) : x.padStart(widths[i]!))).join('  ');
	const table = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');

	const ratio = (g: { small?: Measured; large?: Measured }) => {
		const rps = g.small && g.large ? Math.round((g.small.rps / Math.max(1, g.large.rps)) * 100) / 100 : NaN;
		const p50 = g.small && g.large ? Math.round((g.large.p50 / Math.max(0.01, g.small.p50)) * 100) / 100 : NaN;
		return { rps, p50 };
	};
	const gd = ratio(growth.dashboard!);
	const sqlRatio = Math.round((sqlLarge / Math.max(0.001, sqlSmall)) * 100) / 100;
	const ga = ratio(growth.answer!);
	const maxJs = weight[0];
	const dash = measured.dashboard!;
	const pageStatements = scenarios.filter((s) => s.kind === 'page').map((s) => ({ name: s.name, n: exact[s.name]!.statements }));
	const writes100 = ['answer save', 'reflection autosave'].map((n) => ({ name: n, m: measured[n]![100]! }));
	const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');
	const targets = [
		...LEVELS.map((c) => [`dashboard >= 35% of the prerendered page (c=${c})`, `${pct(dash[c]!.rps, ceilings.static![c]!.rps)}%`, verdict(pct(dash[c]!.rps, ceilings.static![c]!.rps) >= 35)]),
		...LEVELS.map((c) => [`dashboard >= 5% of bare node:http (c=${c})`, `${pct(dash[c]!.rps, ceilings.bare![c]!.rps)}%`, verdict(pct(dash[c]!.rps, ceilings.bare![c]!.rps) >= 5)]),
		...writes100.map((w) => [`${w.name} p99 <= 50 ms, 0 errors (c=100)`, `p99 ${w.m.p99} ms, ${w.m.errors} errors`, verdict(w.m.p99 <= 50 && w.m.errors === 0)]),
		...pageStatements.map((p) => [`${p.name}: <= 5 SQL statements`, String(p.n), verdict(p.n <= 5)]),
		['growth 200 -> 20,000 learners: dashboard <= 1.2', `${gd.rps} (req/s ratio; p50 ratio ${gd.p50})`, verdict(gd.rps <= 1.2)],
		['growth 200 -> 20,000: dashboard SQL time <= 1.2', `${sqlRatio} (${sqlSmall} -> ${sqlLarge} ms, one at a time)`, verdict(sqlRatio <= 1.2)],
		['growth 200 -> 20,000 learners: answer save <= 1.2', `${ga.rps} (req/s ratio; p50 ratio ${ga.p50})`, verdict(ga.rps <= 1.2)],
		['<= 60 KB gzipped JS on any route', `${((maxJs?.jsGzip ?? 0) / 1024).toFixed(1)} KB (${maxJs?.route})`, verdict((maxJs?.jsGzip ?? 0) <= 60 * 1024)],
		['server RSS <= 250 MB under 100 connections', `${peakRss} MB (VmHWM ${hwm} MB)`, verdict(peakRss <= 250)]
	];
	const targetTable = targets.map((t) => `${(t[0] ?? '').padEnd(52)} ${(t[1] ?? '').padEnd(40)} ${t[2]}`).join('\n');
	const weightTable = weight.map((w) => `${w.route.padEnd(70)} JS ${(w.jsGzip / 1024).toFixed(1).padStart(5)} KB gz (${w.jsFiles} files)  CSS ${(w.cssGzip / 1024).toFixed(1).padStart(4)} KB gz`).join('\n');
	const explainTable = explain.map((e) => `${e.ms.toFixed(3).padStart(8)} ms  ${/Index Only Scan|Index Scan|Bitmap Heap Scan|Seq Scan/.exec(e.plan)?.[0] ?? ''}  ${e.query.slice(0, 110).replace(/\s+/g, ' ')}`).join('\n');
	const cpu = `${(await import('node:os')).cpus().length} cores`;
	const notes = [
		`Machine: ${cpu}, Node ${process.version}, load average ${loadAtStart.toFixed(1)} at the start and ${((await import('node:os')).loadavg()[0] ?? 0).toFixed(1)} at the end (anything else running skews every figure); autocannon runs in this process and competes with node build and PostgreSQL for the same cores.`,
		`Each scenario ${SECONDS} s per connection count, ceilings and growth ${CEILING_SECONDS} s. Read scenarios: 200 different learners (one per connection); writes: every connection its own learners.`,
		`Prerendered page: ${prerenderedPath} (${prerenderedBytes} B, src/routes/ceiling, used only by the benchmark) vs dashboard HTML ${dashboardHtml.length} B, both served by the same node build.`,
		`CPU ms/req: the server's own CPU time (user + system, /proc/<pid>/stat) over the run divided by the answers, a cost that other load on the machine hardly changes; the prerendered page costs ${LEVELS.map((c) => `${prerenderedCpu[c]} ms at c=${c}`).join(', ')}.`,
		'SQL/req counted at the wire: every Execute or simple Query message node build sends to PostgreSQL, through a counting relay in the bench process, over 20 requests of the scenario sent one at a time ("tx" = BEGIN/COMMIT among them). The JSON also has the count under load (statements / answered requests), an upper bound since requests cut off at the end still ran.',
		`Growth: the same 100 learners' dashboards and answer saves at ${growth.dashboard?.small ? 200 : '?'} and ${bigCount} learners in the database, 10 connections.`
	];

	const output = [
		'',
		'== Ontroerd benchmark ==',
		table,
		'',
		'== Targets (measured, not asserted) ==',
		targetTable,
		'',
		'== Growth ==',
		`dashboard   @200: ${growth.dashboard?.small?.rps} req/s p50 ${growth.dashboard?.small?.p50} ms, ${growth.dashboard?.small?.statements} SQL/req   @${bigCount}: ${growth.dashboard?.large?.rps} req/s p50 ${growth.dashboard?.large?.p50} ms, ${growth.dashboard?.large?.statements} SQL/req   ratio ${gd.rps}`,
		`answer save @200: ${growth.answer?.small?.rps} req/s p50 ${growth.answer?.small?.p50} ms, ${growth.answer?.small?.statements} SQL/req   @${bigCount}: ${growth.answer?.large?.rps} req/s p50 ${growth.answer?.large?.p50} ms, ${growth.answer?.large?.statements} SQL/req   ratio ${ga.rps}`,
		'',
		`== EXPLAIN ANALYZE of the dashboard's statements at ${bigCount} learners ==`,
		explainTable,
		'',
		'== Statements per request, by statement (largest first) ==',
		...['dashboard', 'vignette step', 'cohort overview (200)', 'answer save', 'reflection autosave'].flatMap((k) => [`${k}:`, ...(breakdown[k] ?? []).map((x) => `  ${String(x.perRequest).padStart(6)}  ${x.query}`)]),
		'',
		'== Client weight (gzipped, first load per route) ==',
		weightTable,
		'',
		...notes
	].join('\n');
	console.log(output);

	Object.assign(results, {
		finishedAt: new Date().toISOString(),
		machine: cpu,
		node: process.version,
		dashboardHtmlBytes: dashboardHtml.length,
		scenarios: measured,
		ceilings,
		growth: { ...growth, ratio: { dashboard: gd, answer: ga, dashboardSql: sqlRatio }, dashboardSqlMs: { small: sqlSmall, large: sqlLarge }, learners: { small: 200, large: bigCount } },
		peakRssMb: peakRss,
		vmHwmMb: hwm,
		explain,
		clientWeight: weight,
		targets: targets.map(([target, measuredValue, result]) => ({ target, measured: measuredValue, result })),
		notes
	});
	mkdirSync('bench/results', { recursive: true });
	const stamp = new Date().toISOString().replace(/[:.]/g, '-');
	writeFileSync(`bench/results/bench-${stamp}.json`, JSON.stringify(results, null, '\t'));
	const md = [
		`# Ontroerd benchmark, ${new Date().toISOString()}`,
		'',
		notes.map((n) => `- ${n}`).join('\n'),
		'',
		'```',
		table,
		'```',
		'',
		'## Targets',
		'',
		'| target | measured | |',
		'|---|---|---|',
		...targets.map((t) => `| ${t[0]} | ${t[1]} | ${t[2]} |`),
		'',
		'## Growth and dashboard SQL',
		'',
		'```',
		output.slice(output.indexOf('== Growth =='), output.indexOf('== Client weight')),
		'```',
		'',
		'## Client weight',
		'',
		'```',
		weightTable,
		'```',
		''
	].join('\n');
	writeFileSync(`bench/results/bench-${stamp}.md`, md);
	log(`wrote bench/results/bench-${stamp}.json and .md (total ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
} catch (error) {
	const e = error as Error & { cause?: Error };
	console.error(`bench failed: ${e.message.slice(0, 400)}${e.cause ? `\n  cause: ${e.cause.message.slice(0, 400)}` : ''}\n${e.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`);
	process.exitCode = 1;
} finally {
	await cleanup();
}
