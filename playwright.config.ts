import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ADMIN, SUPERVISOR_PASSWORD } from './tests/e2e/accounts';
import { LTI_CLIENT_ID, LTI_DEPLOYMENT_ID, ltiPlatformPorts } from './tests/e2e/lti-platforms';

/** Debian's Chromium where it exists (these machines cannot download Playwright's); elsewhere Playwright's own. */
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchOptions = {
	executablePath,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
};
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = `http://localhost:${port}`;
// A fresh embedded database per run, unless DATABASE_URL points the server at PostgreSQL.
const pgliteDir = process.env.E2E_PGLITE_DIR ?? join(mkdtempSync(join(tmpdir(), 'ontroerd-e2e-')), 'pglite');
process.env.E2E_PGLITE_DIR = pgliteDir;
// The server's log (LOG_FILE) for the run, which tests/e2e/logs.spec.ts and `npm test` search for secrets.
const logFile = process.env.E2E_LOG_FILE ?? join(mkdtempSync(join(tmpdir(), 'ontroerd-e2e-log-')), 'server.log');
process.env.E2E_LOG_FILE = logFile;
// The server writes its mails here as JSON files (no SMTP_URL); the tests read the links from them.
const mailDir = process.env.E2E_MAIL_DIR ?? mkdtempSync(join(tmpdir(), 'ontroerd-e2e-mail-'));
process.env.E2E_MAIL_DIR = mailDir;

const desktop = { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 }, launchOptions };

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: true,
	workers: 2,
	retries: 0,
	timeout: 60_000,
	reporter: [['list']],
	use: { baseURL, locale: 'nl-NL', trace: 'retain-on-failure' },
	projects: [
		{ name: 'js', use: desktop },
		{ name: 'nojs', use: { ...desktop, javaScriptEnabled: false }, testIgnore: /a11y[\w-]*\.spec/ },
		{
			name: 'phone',
			use: { ...devices['Pixel 7'], viewport: { width: 390, height: 844 }, launchOptions },
			testMatch: /(a11y[\w-]*|learner-path|practice)\.spec/
		}
	],
	webServer: {
		// Four supervisors (three and four rate in tests/e2e/growth.spec.ts) and an administrator for the tests, made with the
		// administrator's command line, the demo (tests/e2e/inbox.spec.ts reads its late work, which no form can make), the LTI platform doubles of
		// tests/e2e/lti.spec.ts, then the production server.
		command: `sh -c 'for s in one two three four; do printf "%s\\n" "$E2E_SUPERVISOR_PASSWORD" | npx tsx scripts/admin.ts create-user --email supervisor-$s@e2e.ontroerd.nl --name "Supervisor $s" --role supervisor > /dev/null 2>&1 || true; done; printf "%s\\n" "$E2E_SUPERVISOR_PASSWORD" | npx tsx scripts/admin.ts create-user --email ${ADMIN} --name "Beheerder" --role admin > /dev/null 2>&1 || true; npx tsx scripts/seed-demo.ts > /dev/null 2>&1 || true; for p in $E2E_LTI_PORTS; do i=http://127.0.0.1:$p; npx tsx scripts/admin.ts lti-add-platform --name e2e --issuer $i --client-id ${LTI_CLIENT_ID} --auth-url $i/auth --token-url $i/token --jwks-url $i/jwks --deployment ${LTI_DEPLOYMENT_ID} > /dev/null 2>&1 || true; done; exec node build'`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		// Four accounts, the demo and the LMS doubles are a dozen tsx starts: on a busy two-core machine that passed 120 s.
		timeout: 180_000,
		stdout: 'pipe',
		env: {
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: baseURL,
			PGLITE_DIR: pgliteDir,
			LOG_FILE: logFile,
			MAIL_DIR: mailDir,
			RATE_LIMIT_REGISTER: '1000/1000',
			RATE_LIMIT_LOGIN: '1000/1000',
			RATE_LIMIT_INVITE: '1000/1000',
			E2E_SUPERVISOR_PASSWORD: SUPERVISOR_PASSWORD,
			// The LMS doubles tests/e2e/cmi5.spec.ts starts, one per project (port + 1: js, port + 2: nojs).
			CMI5_LMS_ORIGINS: `http://127.0.0.1:${port + 1},http://127.0.0.1:${port + 2}`,
			// The practice schedule's test clock (src/lib/server/practice/clock.ts): only this server reads its cookie.
			PRACTICE_CLOCK_HOOK: '1',
			// The LTI platform doubles of tests/e2e/lti.spec.ts, one per project, registered before the server starts.
			E2E_LTI_PORTS: ltiPlatformPorts(port).join(' '),
			...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {})
		}
	}
});
