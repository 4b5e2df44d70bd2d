/**
 * `npm test`: every suite in turn — type check, lint, content check, unit, integration, end-to-end, dev server —
 * each run even when an earlier one failed, then one line: "N passed, N failed".
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const out = '.test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

/** Runs a command with the output on the terminal; returns whether it succeeded. */
function run(command, env = {}) {
	console.log(`\n▶ ${command}`);
	const result = spawnSync(command, { shell: true, stdio: 'inherit', env: { ...process.env, ...env } });
	return result.status === 0;
}

function vitestCounts(file, ok) {
	if (!existsSync(file)) return { passed: 0, failed: 1 };
	const json = JSON.parse(readFileSync(file, 'utf8'));
	return { passed: json.numPassedTests, failed: json.numFailedTests + (ok || json.numFailedTests > 0 ? 0 : 1) };
}

function playwrightCounts(file, ok) {
	if (!existsSync(file)) return { passed: 0, failed: 1 };
	const { stats } = JSON.parse(readFileSync(file, 'utf8'));
	return { passed: stats.expected + stats.flaky, failed: stats.unexpected + (ok || stats.unexpected > 0 ? 0 : 1) };
}

const suites = [];
run('npm run i18n --silent');
const single = (name, ok) => suites.push({ name, passed: ok ? 1 : 0, failed: ok ? 0 : 1 });
single('type check (svelte-check)', run('npx svelte-kit sync && npx svelte-check --tsconfig ./tsconfig.json --fail-on-warnings'));
single('lint (eslint)', run('npx eslint . --max-warnings 0'));
single('format check (prettier)', run('npx prettier --check .'));
single('content check', run('npx tsx scripts/content-check.ts'));
for (const project of ['unit', 'integration']) {
	const file = `${out}/${project}.json`;
	const ok = run(`npx vitest run --project ${project} --reporter=default --reporter=json --outputFile.json=${file}`);
	suites.push({ name: project, ...vitestCounts(file, ok) });
}
const built = run('npx vite build --logLevel warn');
if (built) {
	const file = `${out}/e2e.json`;
	// The server's log of the whole run, searched afterwards for passwords, reflection texts, addresses and tokens.
	const log = resolve(out, 'e2e-server.log');
	const ok = run('npx playwright test --reporter=list,json', { PLAYWRIGHT_JSON_OUTPUT_NAME: file, E2E_LOG_FILE: log });
	suites.push({ name: 'end-to-end', ...playwrightCounts(file, ok) });
	single('log grep (no secrets in the end-to-end server log)', run(`npx tsx scripts/log-grep.ts ${log}`));
} else single('end-to-end (build failed)', false);
{
	// `npm run dev` is what a newcomer runs first, and the end-to-end suite never sees it.
	const file = `${out}/dev-server.json`;
	const ok = run('npx playwright test -c playwright.dev.config.ts --reporter=list,json', { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
	suites.push({ name: 'dev server smoke', ...playwrightCounts(file, ok) });
}

console.log('');
for (const s of suites) console.log(`${s.failed ? '✗' : '✓'} ${s.name}: ${s.passed} passed, ${s.failed} failed`);
const passed = suites.reduce((n, s) => n + s.passed, 0);
const failed = suites.reduce((n, s) => n + s.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
