/**
 * The fault run (`npm run test:faults`): `node build` on a private PostgreSQL cluster, 100 writers,
 * and four faults — the app SIGKILLed five times, PostgreSQL stopped in immediate mode, SIGTERM under
 * load, and a server with fsync or synchronous_commit off. Each scenario prints its figures and a
 * pass/fail line; the run ends with "N passed, N failed" and exits non-zero on any failure.
 * Builds the app first when build/ is missing. Needs PostgreSQL's server binaries (initdb, pg_ctl).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import * as schema from '../../src/lib/server/db/schema';
import { openServer } from '../../src/lib/server/db/server';
import { hashPassword } from '../../src/lib/server/auth/password';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import type { Item, Quiz } from '../../src/lib/server/content/types';
import { freePort } from '../lib/free-port';
import { createCluster, findPgBin, type Cluster } from '../lib/pg-cluster';
import { sleep, startApp, stopApp, waitHealthy, type App } from './app';
import { durabilityRefusal } from './refusal';
import { Writer, getOwnConnection, postOwnConnection, runWriters, writeUntilAnswered, emptyTally, type Reply, type Tally } from './writers';
import { verify, type Check } from './verify';

const WRITERS = Number(process.env.FAULT_WRITERS ?? 100);
const PASSWORD = 'fault-run-password-not-secret';
const started = Date.now();
const results: { name: string; ok: boolean }[] = [];
const log = (line: string) => console.log(`[faults ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);

function report(name: string, ok: boolean, figures: string[]): void {
	for (const f of figures) console.log(`    ${f}`);
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
	results.push({ name, ok });
}
const tallyLine = (t: Tally) =>
	`writes acknowledged ${t.acknowledged}, unknown (no answer) ${t.unknown}, failed (error status or refused) ${t.failed}; retried with the same key to an answer ${t.retriedToAnAnswer}, unresolved ${t.unresolved}, conflicts ${t.conflicts}, rejected ${t.rejected}`;
const checkLine = (c: Check) =>
	`database: ${c.acknowledged} acknowledged writes so far, found once ${c.foundOnce}, found twice ${c.foundTwice}, missing ${c.missing}${c.pendingUnknown ? `, still unanswered ${c.pendingUnknown}` : ''}`;
const clean = (c: Check) => c.missing === 0 && c.foundTwice === 0 && c.foundOnce === c.acknowledged;

// ---------------------------------------------------------------- prerequisites
const pg = findPgBin();
if ('missing' in pg) {
	console.error(`test:faults needs its own PostgreSQL cluster, but there are ${pg.missing}.`);
	console.log('0 passed, 1 failed');
	process.exit(1);
}
if (!readFileSync('node_modules/postgres/src/connection.js', 'utf8').includes('ontroerd: nextWrite guard')) {
	console.error('node_modules/postgres lacks the guard from scripts/patch-postgres.mjs (run by npm install): run `node scripts/patch-postgres.mjs`');
}
if (!existsSync('build/index.js')) {
	log('build/ is missing: building (npm run build)');
	const r = spawnSync('npm', ['run', 'build', '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (r.status !== 0) {
		console.error('npm run build failed');
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
}

let cluster: Cluster | undefined;
let app: App | undefined;
let admin: postgres.Sql | undefined;
async function cleanup() {
	await stopApp(app).catch(() => {});
	await admin?.end({ timeout: 2 }).catch(() => {});
	cluster?.destroy();
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
	cluster = await createCluster(pg.bin);
	log(`private PostgreSQL cluster on 127.0.0.1:${cluster.port} (${pg.bin})`);
	admin = postgres(cluster.url(), { max: 2, onnotice: () => {} });
	await admin.unsafe('create database ontroerd_faults');
	const url = cluster.url('ontroerd_faults');

	// ------------------------------------------------------------ refusal: fsync / synchronous_commit off
	await durabilityRefusal(cluster, admin, url, report, log);

	// ------------------------------------------------------------ seed the writers, start the app, log in
	const course = loadCourse(readContentFiles('content'));
	const items = course.modules.flatMap((m) => m.items);
	const reflectionItem = items.find((i): i is Item & { type: 'reflection' } => i.type === 'reflection');
	const quiz = items.find((i): i is Quiz => i.type === 'quiz' && i.questions.some((q) => q.kind !== 'reflection'));
	if (!reflectionItem || !quiz) throw new Error('the course has no reflection item or no quiz to write to');
	const seeding = await openServer(url, 'drizzle');
	const passwordHash = await hashPassword(PASSWORD);
	const writers = Array.from({ length: WRITERS }, (_, n) => new Writer(n, crypto.randomUUID(), `schrijver${n}@faults.ontroerd.nl`, reflectionItem, quiz));
	await seeding.db.insert(schema.users).values(writers.map((w) => ({ id: w.learnerId, email: w.email, displayName: `Schrijver ${w.n}`, passwordHash })));
	const groupId = crypto.randomUUID();
	await seeding.db.insert(schema.groups).values({ id: groupId, name: 'Intervisie' });
	await seeding.db.insert(schema.groupMembers).values({ groupId, memberId: writers[0]!.learnerId });
	await seeding.close();

	const port = await freePort();
	const env = { DATABASE_URL: url };
	app = startApp(port, env);
	if (!(await waitHealthy(app, 60))) throw new Error(`node build did not become healthy:\n${app.output()}`);
	const base = () => app!.base;
	for (let i = 0; i < writers.length; i += 10) {
		await Promise.all(
			writers.slice(i, i + 10).map(async (w) => {
				const r = await fetch(`${base()}/login`, {
					method: 'POST',
					redirect: 'manual',
					headers: { origin: base(), accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
					body: new URLSearchParams({ email: w.email, password: PASSWORD })
				});
				const cookie = r.headers.getSetCookie().find((c) => /;\s*httponly/i.test(c));
				if (r.status !== 303 || !cookie) throw new Error(`login of ${w.email} answered ${r.status}`);
				w.cookie = cookie.slice(0, cookie.indexOf(';'));
			})
		);
	}
	log(`${writers.length} writers logged in through the form on ${base()}`);
	const sql = postgres(url, { max: 2, onnotice: () => {} });
	const check = () => verify(sql, writers, reflectionItem.reflectionKey);

	// ------------------------------------------------------------ 1. SIGKILL five times under load
	{
		let stop = false;
		const writing = runWriters(writers, base, () => stop);
		let restarts = 0;
		const downtimes: number[] = [];
		for (let k = 0; k < 5; k++) {
			await sleep(2000 + Math.random() * 3000);
			app.child.kill('SIGKILL');
			await app.exited;
			const t = Date.now();
			app = startApp(port, env);
			if (await waitHealthy(app, 30)) restarts++;
			downtimes.push((Date.now() - t) / 1000);
		}
		await sleep(2000);
		stop = true;
		const tally = await writing;
		const c = await check();
		report('SIGKILL x5 under load: every acknowledged write is in the database once', restarts === 5 && tally.acknowledged > 0 && clean(c), [
			`app killed with SIGKILL 5 times, restarted on port ${port} ${restarts} times (back in ${downtimes.map((d) => d.toFixed(1)).join(', ')} s)`,
			tallyLine(tally),
			checkLine(c)
		]);
	}

	/** One scenario's failure must not hide the next one's figures: bring the app back if it died. */
	const ensureApp = async () => {
		if (app?.alive()) return;
		log('the app had exited; starting it again for the next scenario');
		app = startApp(port, env);
		await waitHealthy(app, 30);
	};

	// ------------------------------------------------------------ 2. PostgreSQL stopped in immediate mode
	{
		await ensureApp();
		let stop = false;
		const writing = runWriters(writers, base, () => stop);
		const pid = app.child.pid;
		await sleep(3000);
		cluster.stop('immediate');
		const downAt = Date.now();
		let friendly = 0;
		let other = 0;
		const statuses = new Map<number, number>();
		while (Date.now() - downAt < 6000) {
			try {
				const r = await fetch(`${base()}/dashboard`, { headers: { cookie: writers[0]!.cookie, accept: 'text/html' }, redirect: 'manual', signal: AbortSignal.timeout(8000) });
				const text = await r.text();
				statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
				if (r.status === 503 && /Zo weer terug|Back in a moment/.test(text)) friendly++;
				else other++;
			} catch {
				other++;
			}
			await sleep(250);
		}
		const aliveDuringOutage = app.alive() && app.child.pid === pid;
		if (!aliveDuringOutage) console.error(`--- node build output (tail) ---\n${app.output().slice(-1500)}`);
		cluster.start();
		const upAt = Date.now();
		let backAfter = Infinity;
		while (Date.now() - upAt < 15_000) {
			const r = await fetch(`${base()}/dashboard`, { headers: { cookie: writers[0]!.cookie, accept: 'text/html' }, redirect: 'manual' }).catch(() => null);
			await r?.arrayBuffer();
			if (r?.status === 200) {
				backAfter = (Date.now() - upAt) / 1000;
				break;
			}
			await sleep(100);
		}
		await sleep(3000);
		stop = true;
		const tally = await writing;
		const c = await check();
		const sameProcess = app.alive() && app.child.pid === pid;
		report('PostgreSQL stopped (immediate) and started under load: friendly 503, back within 10 s, nothing acknowledged lost', aliveDuringOutage && sameProcess && friendly > 0 && other === 0 && backAfter <= 10 && clean(c), [
			`during the ${((upAt - downAt) / 1000).toFixed(1)} s outage: ${friendly} friendly 503 pages, ${other} other answers (${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')}); app process ${sameProcess ? 'kept running (same pid, no restart)' : 'did NOT keep running'}`,
			`seconds from the database's return to the first 200: ${Number.isFinite(backAfter) ? backAfter.toFixed(2) : 'none within 15 s'}`,
			tallyLine(tally),
			checkLine(c)
		]);
	}

	// ------------------------------------------------------------ 3. SIGTERM under load
	{
		await ensureApp();
		// A discussion stream held open: graceful shutdown must close it, not wait SHUTDOWN_TIMEOUT (20 s) for it.
		const events = await fetch(`${base()}/groups/${groupId}/discussion/events`, { headers: { cookie: writers[0]!.cookie, accept: 'text/event-stream' } });
		let streamEnded = 0;
		const streamOpen = events.status === 200 && events.body !== null;
		const draining = streamOpen
			? (async () => {
					const reader = events.body!.getReader();
					try {
						while (!(await reader.read()).done);
					} catch {
						// a reset also ends it
					}
					streamEnded = Date.now();
				})()
			: Promise.resolve();
		const tally = emptyTally();
		const writes = writers.map((w) => ({ w, write: w.next() }));
		let sent = 0;
		let firstAnswer: () => void = () => {};
		const answered = new Promise<void>((r) => (firstAnswer = r));
		const replies = writes.map(({ w, write }) => {
			const { path, form } = w.request(write);
			return postOwnConnection(base(), w.cookie, path, form, () => sent++).then((reply) => {
				if (!('none' in reply)) firstAnswer();
				return reply;
			});
		});
		await answered;
		const termAt = Date.now();
		const sentAtTerm = sent;
		app.child.kill('SIGTERM');
		await sleep(300);
		const after = await Promise.all(Array.from({ length: 10 }, () => getOwnConnection(`${base()}/healthz`)));
		const inFlight: Reply[] = await Promise.all(replies);
		const exit = await Promise.race([app.exited, sleep(30_000).then(() => null)]);
		await Promise.race([draining, sleep(1000)]);
		const completed = inFlight.filter((r) => !('none' in r) && r.status < 500).length;
		const errored = inFlight.filter((r) => !('none' in r) && r.status >= 500).length;
		const refusedInFlight = inFlight.filter((r) => 'none' in r && r.none === 'refused').length;
		const refusedAfter = after.filter((r) => 'none' in r && r.none === 'refused').length;
		const exitSeconds = exit ? (exit.at - termAt) / 1000 : Infinity;
		// A reset without an answer is either a request still queued unparsed when the server stopped
		// listening (adapter-node closes those as idle: never handled) or one dropped mid-way. The database tells:
		// a handled write has its key stored. Retakes carry no key and are left out of that count.
		const reset = writes.filter((_, i) => { const r = inFlight[i]!; return 'none' in r && r.none === 'lost'; });
		const resetKeys = reset.flatMap(({ write }) => ('key' in write ? [write.key] : []));
		const stored = await sql<{ key: string }[]>`select key from write_keys where user_id in ${sql(writers.map((w) => w.learnerId))}`;
		const storedKeys = new Set(stored.map((r) => r.key.slice(r.key.lastIndexOf(':') + 1)));
		const handled = resetKeys.filter((k) => storedKeys.has(k));
		const handledButUnanswered = handled.length;
		// What the in-flight writes got becomes the writers' state; the rest are retried with their keys on a fresh start.
		writes.forEach(({ w, write }, i) => {
			const reply = inFlight[i]!;
			const counted = write.kind !== 'retake';
			if ('none' in reply) {
				if (counted) {
					if (reply.none === 'lost') tally.unknown++;
					else tally.failed++;
				}
			} else {
				const before = w.reflections.length + w.answers.length;
				w.settle(write, reply, tally);
				if (counted && w.reflections.length + w.answers.length > before) tally.acknowledged++;
			}
		});
		app = startApp(port, env);
		await waitHealthy(app, 30);
		const retried = emptyTally();
		await Promise.all(writers.filter((w) => w.pending).map((w) => writeUntilAnswered(w, base, retried, () => false)));
		tally.retriedToAnAnswer = retried.acknowledged + retried.failed + retried.unknown;
		const c = await check();
		report(
			'SIGTERM under load: requests in flight complete, new ones are refused, the process exits without waiting out SHUTDOWN_TIMEOUT',
			completed > 0 && handledButUnanswered === 0 && errored === 0 && refusedAfter === after.length && exit?.code === 0 && exitSeconds < 10 && (!streamOpen || streamEnded > 0) && clean(c),
			[
				`${writes.length} writes sent at once, SIGTERM at the first answer (${sentAtTerm} fully sent by then): completed with an answer ${completed}, answered 5xx ${errored}; reset without an answer ${reset.length}, of which handled by the server (key stored) ${handledButUnanswered} and never handled ${resetKeys.length - handledButUnanswered}${reset.length > resetKeys.length ? ` (+${reset.length - resetKeys.length} unkeyed retakes)` : ''}; refused ${refusedInFlight}`,
				`new requests after SIGTERM: ${refusedAfter} of ${after.length} refused (connection refused)`,
				`discussion stream ${streamOpen ? (streamEnded ? `closed by the server ${((streamEnded - termAt) / 1000).toFixed(2)} s after SIGTERM` : 'NOT closed') : `could not be opened (${events.status})`}; process exited ${exit ? `with code ${exit.code ?? exit.signal} after ${exitSeconds.toFixed(2)} s` : 'NOT within 30 s'} (SHUTDOWN_TIMEOUT 20 s)`,
				tallyLine(tally),
				checkLine(c)
			]
		);
	}
	await sql.end({ timeout: 2 });
} catch (error) {
	console.error(error);
	if (app) console.error(`--- node build output (tail) ---\n${app.output().slice(-3000)}`);
	results.push({ name: 'the fault run itself', ok: false });
} finally {
	await cleanup();
}

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
