/**
 * The fault run (`npm run test:faults`): `node build` on a private PostgreSQL cluster, sending xAPI to an
 * LRS double, 100 writers, and four faults — the app SIGKILLed five times, PostgreSQL stopped in immediate
 * mode, SIGTERM under load, and a server with fsync or synchronous_commit off — then the outbox drained
 * and held against what the LRS received. Each scenario (scenarios/) prints its figures
 * and a pass/fail line; the run ends with "N passed, N failed" and exits non-zero on any failure.
 * Builds the app first when build/ is missing. Needs PostgreSQL's server binaries (initdb, pg_ctl).
 */
import { existsSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import { buildApp } from '../lib/build-app';
import { stopApp, type App } from '../lib/node-build';
import { createCluster, findPgBin, type Cluster } from '../lib/pg-cluster';
import { results } from './report';
import { setUp } from './setup';
import { durabilityRefusal } from './scenarios/refusal';
import { sigkillUnderLoad } from './scenarios/sigkill';
import { postgresStopped } from './scenarios/postgres-stop';
import { sigtermUnderLoad } from './scenarios/sigterm';
import { everyKindWritten, xapiDelivered } from './scenarios/xapi';
import { startLrs, type Lrs } from './lrs';
import type { Run } from './run';

const WRITERS = Number(process.env.FAULT_WRITERS ?? 100);
const started = Date.now();
const log = (line: string) => console.log(`[faults ${((Date.now() - started) / 1000).toFixed(0).padStart(3)}s] ${line}`);

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
	try {
		buildApp();
	} catch {
		console.error('npm run build failed');
		console.log('0 passed, 1 failed');
		process.exit(1);
	}
}

let cluster: Cluster | undefined;
let admin: postgres.Sql | undefined;
let sql: postgres.Sql | undefined;
let lrs: Lrs | undefined;
// The app as last started: setUp reports it at once, and the scenarios replace it in `run` when they restart it.
let firstApp: App | undefined;
let run: Run | undefined;
const currentApp = () => run?.app ?? firstApp;
async function cleanup() {
	await stopApp(currentApp()).catch(() => {});
	await sql?.end({ timeout: 2 }).catch(() => {});
	await admin?.end({ timeout: 2 }).catch(() => {});
	await lrs?.close();
	cluster?.destroy();
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

try {
	cluster = await createCluster(pg.bin);
	log(`private PostgreSQL cluster on 127.0.0.1:${cluster.port} (${pg.bin})`);
	admin = postgres(cluster.url(), { max: 2, onnotice: () => {} });
	await admin.unsafe('create database ontroerd_faults');
	const url = cluster.url('ontroerd_faults');

	await durabilityRefusal(cluster, admin, url, log);

	sql = postgres(url, { max: 2, onnotice: () => {} });
	lrs = await startLrs();
	run = await setUp(cluster, url, sql, WRITERS, log, (app) => (firstApp = app), lrs);
	await sigkillUnderLoad(run);
	await postgresStopped(run);
	await sigtermUnderLoad(run);
	await xapiDelivered(run);
	await everyKindWritten(run);
} catch (error) {
	console.error(error);
	const app = currentApp();
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
