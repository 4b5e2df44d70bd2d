/**
 * `npx tsx scripts/bench/profile-page.ts`: where a page's server CPU goes. Seeds a fresh database with the
 * benchmark's supervisor and cohort of 200 (seed.ts), starts the last `node build` under a V8 CPU profile,
 * posts the answer save and the reflection autosave as one bench connection does (PROFILE_PAGE='answer save' or
 * 'reflection autosave' for one), requests the cohort overview and a learner's dashboard one at a time, and prints each one's CPU ms per
 * request and the profile's heaviest functions (self time). Needs DATABASE_URL as `npm run bench` does and a
 * build (`npx vite build`); PROFILE_N requests per page (default 300), PROFILE_GZIP=1 asks for gzip as a
 * browser does, PROFILE_PAGE='cohort overview' (or 'cohort growth', or dashboard) profiles one page only, PROFILE_CPU=0 measures without the profiler. The profile (for Chrome's DevTools) and each page's last HTML stay in bench/results/profiles/.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import postgres from 'postgres';
import { openServer } from '../../src/lib/server/db/server';
import { hashPassword } from '../../src/lib/server/auth/password';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session';
import { SESSION_COOKIE } from '../../src/lib/server/auth/cookies';
import { freePort } from '../lib/free-port';
import { startApp, stopApp, waitHealthy } from '../lib/node-build';
import { addPopulation } from './seed';
import { addPractice } from './seed-practice';
import { cpuMs } from './process-meters';
import { answering } from './scenarios/answer-save';
import { reflectionAutosave } from './scenarios/reflection-autosave';
import type { Plan } from './load';

const N = Number(process.env.PROFILE_N ?? 300);
const DIR = 'bench/results/profiles';
const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
	console.error('profile-page needs DATABASE_URL, as npm run bench does (see README, Benchmark).');
	process.exit(2);
}
const dbName = `ontroerd_profile_${new Date().toISOString().replace(/\D/g, '').slice(0, 14)}`;
const url = new URL(adminUrl);
url.pathname = `/${dbName}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const app = await openServer(url.toString(), 'drizzle');
mkdirSync(DIR, { recursive: true });
const started = Date.now();
const port = await freePort();
const server = startApp(port, {
	nodeArgs: [
		...(process.env.PROFILE_NODE_ARGS ?? '').split(' ').filter(Boolean),
		...(process.env.PROFILE_CPU === '0' ? [] : ['--cpu-prof', `--cpu-prof-dir=${DIR}`])
	],
	env: { DATABASE_URL: url.toString() },
	output: 'stderr'
});
try {
	const course = loadCourse(readContentFiles('content'));
	const population = await addPopulation(app.db, course, {
		label: 'pr',
		cohorts: 1,
		perCohort: 200,
		seed: 1,
		passwordHash: await hashPassword('profile-not-secret')
	});
	// The growth report needs the tests, ratings and self-efficacy answers the benchmark seeds for it.
	if ('cohort growth report (200)'.startsWith(process.env.PROFILE_PAGE ?? '')) await addPractice(app.db, course, population, 11);
	await app.db.execute('vacuum analyze');
	const cookie = async (id: string) => {
		const token = generateSessionToken();
		await createSession(app.db, token, id, { rememberMe: true });
		return `${SESSION_COOKIE}=${token}`;
	};
	const supervisor = population.supervisors[0]!;
	const pages = [
		{ name: 'cohort overview (200)', path: `/supervisor/cohorts/${supervisor.cohortId}`, cookie: await cookie(supervisor.id) },
		{ name: 'cohort growth report (200)', path: `/supervisor/cohorts/${supervisor.cohortId}/groei`, cookie: await cookie(supervisor.id) },
		{ name: 'dashboard', path: '/dashboard', cookie: await cookie(population.learners[0]!.id) }
	];
	if (!(await waitHealthy(server, 60))) throw new Error('node build did not answer /healthz');
	const headers = (c: string) => ({ cookie: c, accept: 'text/html', 'accept-encoding': process.env.PROFILE_GZIP === '1' ? 'gzip' : 'identity' });
	// The writes: each a sequence of posts as one bench connection sends them (a plan), its own learners.
	const cookies = new Map<string, string>();
	for (const learner of population.learners.slice(1, 41)) cookies.set(learner.id, await cookie(learner.id));
	const site = { base: server.base, cookieOf: (id: string) => cookies.get(id)! };
	const writers = population.learners.slice(1, 41);
	const writes: { name: string; plan: Plan }[] = [
		{ name: 'answer save', plan: answering(site, writers.slice(0, 20), 3)(0) },
		{ name: 'reflection autosave', plan: reflectionAutosave(site, writers.slice(20), course).plan(0) }
	];
	for (const write of writes.filter((w) => w.name.startsWith(process.env.PROFILE_PAGE ?? ''))) {
		let next = write.plan.first;
		const post = async () => {
			const r = await fetch(`${server.base}${next.path}`, { method: next.method, headers: next.headers, body: next.body, redirect: 'manual' });
			const body = await r.text();
			const checked = write.plan.check(r.status, body, Object.fromEntries(r.headers));
			if (!checked.ok) throw new Error(`${write.name}: ${next.path} answered ${r.status}`);
			next = checked.next!;
		};
		for (let i = 0; i < 30; i++) await post(); // warm-up
		const before = cpuMs(server.child.pid!);
		for (let i = 0; i < N; i++) await post();
		console.log(`${write.name.padEnd(24)} ${((cpuMs(server.child.pid!) - before) / N).toFixed(2)} ms CPU per request`);
	}
	for (const page of pages.filter((p) => p.name.startsWith(process.env.PROFILE_PAGE ?? ''))) {
		for (let i = 0; i < 30; i++) await (await fetch(`${server.base}${page.path}`, { headers: headers(page.cookie) })).arrayBuffer(); // warm-up
		const before = cpuMs(server.child.pid!);
		let body = new ArrayBuffer(0);
		for (let i = 0; i < N; i++) {
			const r = await fetch(`${server.base}${page.path}`, { headers: headers(page.cookie) });
			if (r.status !== 200) throw new Error(`${page.path} answered ${r.status}`);
			body = await r.arrayBuffer();
		}
		console.log(`${page.name.padEnd(24)} ${((cpuMs(server.child.pid!) - before) / N).toFixed(2)} ms CPU per request, ${body.byteLength} bytes`);
		writeFileSync(`${DIR}/${page.name.replace(/\W+/g, '-')}.html`, Buffer.from(body));
	}
} finally {
	await stopApp(server, 10_000);
	await app.close();
	await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
	await admin.end();
}

if (process.env.PROFILE_CPU === '0') process.exit(0);
// The newest profile: self time per function, heaviest first.
type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const file = readdirSync(DIR)
	.filter((f) => f.endsWith('.cpuprofile') && statSync(`${DIR}/${f}`).mtimeMs >= started)
	.sort()
	.at(-1);
if (!file) throw new Error(`no profile in ${DIR}`);
const profile = JSON.parse(readFileSync(`${DIR}/${file}`, 'utf8')) as { nodes: Node[]; samples: number[] };
const hits = new Map<number, number>();
for (const s of profile.samples) hits.set(s, (hits.get(s) ?? 0) + 1);
const self = new Map<string, number>();
for (const node of profile.nodes) {
	const { functionName, url: where, lineNumber } = node.callFrame;
	const key = `${functionName || '(anonymous)'}  ${where.replace(/^.*\/(build|node_modules)\//, '$1/')}:${lineNumber + 1}`;
	self.set(key, (self.get(key) ?? 0) + (hits.get(node.id) ?? 0));
}
const total = profile.samples.length;
console.log(`\n${DIR}/${file}: ${total} samples; heaviest functions (self time):`);
for (const [key, n] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`${((n / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
