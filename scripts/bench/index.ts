/**
 * `npm run bench`: builds the app, seeds a fresh database on the PostgreSQL server in DATABASE_URL,
 * runs `node build` and drives it with autocannon next to the machine's ceilings (a bare node:http
 * server with the same bytes, the dashboard's SQL straight through postgres.js, a prerendered page from
 * the same server). Prints a table, writes JSON and Markdown under bench/results/, drops the database.
 * This file is the order of the run; each scenario (scenarios/), ceiling (ceilings/) and the report have files of their own.
 */
import { loadavg } from 'node:os';
import postgres from 'postgres';
import { openServer } from '../../src/lib/server/db/server';
import { hashPassword } from '../../src/lib/server/auth/password';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import type { Db } from '../../src/lib/server/db';
import { buildApp } from '../lib/build-app';
import { stopApp, type App } from '../lib/node-build';
import { addPopulation, type Population } from './seed';
import { drive } from './load';
import { clientWeight } from './weight';
import { countingProxy } from './count-proxy';
import { meter, type Scored } from './measure';
import { dashboardSql } from './dashboard-sql';
import { explainAll } from './explain';
import { startBenchServer, awaitBenchServer } from './server';
import { PROBE_EMAIL, sessionCookieName, sessionStore } from './sessions';
import { writeReport, type Growth } from './report';
import type { Scenario, Site } from './scenarios/scenario';
import { read } from './scenarios/read';
import { dashboard } from './scenarios/dashboard';
import { lesson } from './scenarios/lesson';
import { vignetteStep } from './scenarios/vignette-step';
import { answerSave, answering } from './scenarios/answer-save';
import { reflectionAutosave } from './scenarios/reflection-autosave';
import { cohortOverview } from './scenarios/cohort-overview';
import { drillResponse } from './scenarios/drill-response';
import { rating } from './scenarios/rating';
import { addSharedResponses } from './seed-writes';
import { bareCeiling } from './ceilings/bare';
import { PRERENDERED_PATH, prerenderedCeiling } from './ceilings/prerendered';
import { sqlCeiling } from './ceilings/dashboard-sql';
import { addPractice, type PracticeOf } from './seed-practice';
import { growthPageSql } from './growth-sql';
import { practiceDue, practiceDrill, drillHistory } from './scenarios/practice';
import { supervisorPage } from './scenarios/supervisor-page';
import { testAttempt } from './scenarios/test-attempt';
import { verifyCertificate } from './scenarios/verify';
import { ltiLaunch } from './scenarios/lti-launch';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const CEILING_SECONDS = Number(process.env.BENCH_CEILING_SECONDS ?? 5);
const LEVELS = [10, 100];
/** BENCH_ONLY=name,name: only these scenarios (the dashboard always, the ceilings compare with it) and no growth to 20,000; unset: everything. */
const ONLY = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const PASSWORD = 'bench-password-not-secret';
const t0 = Date.now();
const loadAtStart = loadavg()[0] ?? 0;
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

// ---------------------------------------------------------------- build
if (process.env.BENCH_SKIP_BUILD !== '1') {
	log('building (npm run i18n && npx vite build)');
	buildApp();
}

// ---------------------------------------------------------------- database
const course = loadCourse(readContentFiles('content'));
const dbName = `ontroerd_bench_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const benchUrl = new URL(adminUrl);
benchUrl.pathname = `/${dbName}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
log(`created database ${dbName}`);

let server: App | undefined;
let bare: App | undefined;
let monitor: postgres.Sql | undefined;
let closeApp: (() => Promise<void>) | undefined;
const closers: (() => Promise<unknown>)[] = [];
const results: Record<string, unknown> = { startedAt: new Date().toISOString(), database: dbName, seconds: SECONDS, levels: LEVELS };

async function cleanup() {
	await stopApp(server, 10_000);
	await stopApp(bare, 10_000);
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

	// ------------------------------------------------------------ seed, stage A: the supervisor's cohort of 200
	const passwordHash = await hashPassword(PASSWORD);
	// After each bulk load, what autovacuum does on a live server: statistics, and the visibility map that
	// lets index-only scans skip the heap (without it a freshly loaded table reads as if it were cold).
	const vacuumAnalyze = () => monitor!.unsafe('vacuum analyze');
	log('seeding stage A: one supervisor with a cohort of 200 trainees');
	const overview = await addPopulation(db, course, { label: 'ov', cohorts: 1, perCohort: 200, seed: 1, passwordHash });
	// Practice, ratings, performance tests, test attempts and certificates (issues 15 to 17) for every population.
	const practice = new Map<string, PracticeOf>(await addPractice(db, course, overview, 11));
	await vacuumAnalyze();

	// ------------------------------------------------------------ server
	const started = await startBenchServer(appUrl.toString());
	server = started.app;
	await awaitBenchServer(server);
	const base = server.base;
	log(`node ${started.startFlags.join(' ')} build listens on ${base} (pid ${server.child.pid})`);
	const { countStatements, measure, breakdown, hwmMb } = meter(server, proxy, log);

	const cookieName = await sessionCookieName(db, base, passwordHash, PASSWORD, log);
	results.cookieName = cookieName;
	results.statementBreakdown = breakdown;
	const sessions = sessionStore(db, cookieName);
	const site: Site = { base, cookieOf: sessions.cookieOf };
	await sessions.sessionsFor(overview.learners.map((l) => l.id));
	const supervisor = overview.supervisors[0];
	if (!supervisor) throw new Error('no supervisor seeded');
	const supervisorTokens = await sessions.sessionsOf(supervisor.id, 100);
	const check = await fetch(`${base}/dashboard`, { headers: { cookie: sessions.cookieOf(overview.learners[0]!.id), accept: 'text/html' }, redirect: 'manual' });
	if (check.status !== 200) throw new Error(`a seeded session does not open /dashboard (status ${check.status}): is the cookie name right?`);
	const dashboardHtml = Buffer.from(await check.arrayBuffer());
	log(`dashboard HTML: ${dashboardHtml.length} bytes`);

	const sql = dashboardSql(benchUrl.toString());
	closers.push(sql.end);

	// ------------------------------------------------------------ growth, at 200 learners
	const growth: Growth = { dashboard: {}, answer: {} };
	const growthLearners = overview.learners.slice(0, 100);
	const growthAnswers = answering(site, overview.learners.slice(100), 7);
	const growthSql = await sql.capture(growthLearners, sessions.tokenOf);
	const sqlSmall = await sql.ms(growthSql);
	await drive(
		base,
		10,
		5,
		read(site, growthLearners, () => '/dashboard')
	); // warm-up: a fresh process, JIT still cold
	growth.dashboard!.small = await measure(
		'growth dashboard @200',
		10,
		CEILING_SECONDS,
		read(site, growthLearners, () => '/dashboard')
	);
	growth.answer!.small = await measure('growth answer @200', 10, CEILING_SECONDS, growthAnswers);
	// The practice due list of the same learners, and the growth report of the supervisor's cohort of 200.
	const reportPath = `/supervisor/cohorts/${supervisor.cohortId}/groei`;
	const growthPages = {
		practice: read(site, growthLearners, () => '/oefenen'),
		report: (await supervisorPage(base, cookieName, 'cohort growth report (200)', reportPath, supervisorTokens)).plan
	};
	growth.practice = {};
	growth.report = {};
	await drive(base, 10, 2, growthPages.practice); // warm-up
	growth.practice.small = await measure('growth practice @200', 10, CEILING_SECONDS, growthPages.practice);
	await drive(base, 10, 2, growthPages.report); // warm-up
	growth.report.small = await measure('growth report @200', 10, CEILING_SECONDS, growthPages.report);

	// ------------------------------------------------------------ seed, stage B: 2,000 learners in 40 cohorts
	log('seeding stage B: 40 supervisors with cohorts of 50');
	const main: Population = await addPopulation(db, course, { label: 'c', cohorts: 40, perCohort: 50, seed: 2, passwordHash });
	for (const [id, p] of await addPractice(db, course, main, 12)) practice.set(id, p);
	await vacuumAnalyze();
	await sessions.sessionsFor(main.learners.map((l) => l.id));
	const learnerCount = await countLearners(monitor);
	log(`population: ${learnerCount} learners`);
	results.population = { learners: learnerCount, cohorts: 41, supervisorCohort: 200 };

	const readers = main.learners.filter((_, i) => i % 10 === 0); // 200 learners from every cohort
	const writers = main.learners.filter((_, i) => i % 10 === 1);
	const savers = main.learners.filter((_, i) => i % 10 === 2);
	const overviewScenario = await cohortOverview(base, cookieName, supervisor.cohortId, supervisorTokens);
	const certificateNumbers = [...practice.values()].flatMap((p) => (p.certificate ? [p.certificate] : []));
	const lti = await ltiLaunch(db, base);
	closers.push(lti.close);
	const prepared: Record<string, (() => Promise<void>) | undefined> = { [lti.name]: () => lti.prepare(SECONDS) };
	const practisers = main.learners.filter((_, i) => i % 10 === 3);
	// The supervisor of the 200 rates what their trainees shared: 40 responses each, more than a run rates.
	const shared = await addSharedResponses(db, course, overview.learners, supervisor.id, 40, 4);
	await vacuumAnalyze();
	const scenarios: Scenario[] = [
		dashboard(site, readers),
		lesson(site, readers, course),
		vignetteStep(site, readers, course),
		answerSave(site, writers),
		reflectionAutosave(site, savers, course),
		drillResponse(site, practisers, course),
		rating(base, cookieName, supervisorTokens, shared),
		overviewScenario,
		// The new pages of issues 15 to 18.
		practiceDue(site, readers),
		practiceDrill(site, main.learners, practice),
		drillHistory(site, main.learners, practice),
		await supervisorPage(base, cookieName, 'rating queue', '/beoordelen', supervisorTokens),
		await supervisorPage(base, cookieName, 'cohort growth report (200)', reportPath, supervisorTokens),
		testAttempt(site, main.learners, practice),
		verifyCertificate(certificateNumbers),
		lti
	].filter((s) => !ONLY || s.name === 'dashboard' || ONLY.includes(s.name));

	// ------------------------------------------------------------ ceilings
	const ceilingBare = await bareCeiling(dashboardHtml, LEVELS, CEILING_SECONDS, log, (a) => (bare = a));
	const prerendered = await prerenderedCeiling(server, LEVELS, CEILING_SECONDS, log);
	results.prerenderedPage = { path: PRERENDERED_PATH, bytes: prerendered.bytes };
	results.prerenderedCpuPerRequest = prerendered.cpuPerRequest;
	const captured = await sql.capture(readers.slice(0, 100), sessions.tokenOf);
	results.dashboardSql = captured[0]?.map((q) => q.query);
	const ceilings = { bare: ceilingBare, static: prerendered.measured, sql: await sqlCeiling(captured, sql.run, LEVELS, CEILING_SECONDS, log) };

	// ------------------------------------------------------------ the scenarios
	const measured: Record<string, Record<number, Scored>> = {};
	await drive(base, 10, 2, scenarios[0]!.plan); // warm-up
	const exact: Record<string, { statements: number; txControl: number }> = {};
	results.statementsPerRequest = exact;
	for (const s of scenarios) {
		await prepared[s.name]?.();
		exact[s.name] = await countStatements(s.name, s.plan);
		measured[s.name] = {};
		for (const c of LEVELS) {
			await prepared[s.name]?.();
			measured[s.name]![c] = await measure(s.name, c, SECONDS, s.plan);
		}
	}
	const peakRss = Math.max(...Object.values(measured).flatMap((m) => LEVELS.map((c) => m[c]?.rssMb ?? 0)));
	const hwm = hwmMb();

	// ------------------------------------------------------------ growth, at 20,000 learners
	const extra = ONLY ? 0 : 20_000 - (await countLearners(monitor)); // the LTI launches made trainees too
	log(`seeding stage C: ${extra} more learners (to 20,000)`);
	if (extra > 0) {
		const big = await addPopulation(db, course, { label: 'g', cohorts: Math.ceil(extra / 50), perCohort: 50, seed: 3, passwordHash });
		await addPractice(db, course, big, 13);
	}
	await vacuumAnalyze();
	const bigCount = await countLearners(monitor);
	log(`population: ${bigCount} learners`);
	const sqlLarge = await sql.ms(growthSql);
	await sql.end();
	await drive(
		base,
		10,
		5,
		read(site, growthLearners, () => '/dashboard')
	); // warm-up
	growth.dashboard!.large = await measure(
		'growth dashboard @20k',
		10,
		CEILING_SECONDS,
		read(site, growthLearners, () => '/dashboard')
	);
	growth.answer!.large = await measure('growth answer @20k', 10, CEILING_SECONDS, growthAnswers);
	await drive(base, 10, 2, growthPages.practice); // warm-up
	growth.practice.large = await measure('growth practice @20k', 10, CEILING_SECONDS, growthPages.practice);
	await drive(base, 10, 2, growthPages.report); // warm-up
	growth.report.large = await measure('growth report @20k', 10, CEILING_SECONDS, growthPages.report);
	const pageSql = await growthPageSql(benchUrl.toString(), course, growthLearners[0]!.id, supervisor.cohortId);
	const explainPages = {
		'practice due list (/oefenen)': await explainAll(monitor, pageSql.practice),
		'cohort growth report': await explainAll(monitor, pageSql.report)
	};

	// ------------------------------------------------------------ report
	const explain = await explainAll(monitor, captured[0] ?? []);
	const weight = clientWeight('.svelte-kit/output');
	const written = writeReport(
		{
			levels: LEVELS,
			seconds: SECONDS,
			ceilingSeconds: CEILING_SECONDS,
			loadAtStart,
			scenarios,
			measured,
			exact,
			breakdown,
			ceilings,
			prerendered: { path: PRERENDERED_PATH, bytes: prerendered.bytes, cpuPerRequest: prerendered.cpuPerRequest },
			dashboardHtmlBytes: dashboardHtml.length,
			growth,
			sqlSmall,
			sqlLarge,
			bigCount,
			explain,
			explainPages,
			weight,
			peakRss,
			hwm
		},
		results
	);
	log(`wrote ${written}.json and .md (total ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
} catch (error) {
	const e = error as Error & { cause?: Error };
	console.error(
		`bench failed: ${e.message.slice(0, 400)}${e.cause ? `\n  cause: ${e.cause.message.slice(0, 400)}` : ''}\n${e.stack?.split('\n').slice(1, 6).join('\n') ?? ''}`
	);
	process.exitCode = 1;
} finally {
	await cleanup();
}

/** Trainees in the database, the probe account left out. */
async function countLearners(sql: postgres.Sql): Promise<number> {
	const [{ n } = { n: 0 }] = await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from users where role = 'trainee' and email <> '${PROBE_EMAIL}'`);
	return n;
}
