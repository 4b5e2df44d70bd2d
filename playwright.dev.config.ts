/**
 * The dev-server smoke test (`tests/dev/`): `vite dev` on a free port and a throwaway embedded database
 * with the demo accounts, since the end-to-end suite only ever sees the production build.
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const launchOptions = {
	executablePath,
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync']
};

/** A port the system has free right now (asked of a child process, since the config is read synchronously). */
function freePort(): number {
	const script = "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
	return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

// Playwright reads the config in the runner and again in each worker: the first one's choice holds.
const port = Number((process.env.DEV_SMOKE_PORT ??= String(freePort())));
const pgliteDir = (process.env.DEV_SMOKE_PGLITE_DIR ??= join(mkdtempSync(join(tmpdir(), 'ontroerd-dev-')), 'pglite'));
const mailDir = (process.env.DEV_SMOKE_MAIL_DIR ??= mkdtempSync(join(tmpdir(), 'ontroerd-dev-mail-')));
const baseURL = `http://localhost:${port}`;

export default defineConfig({
	testDir: 'tests/dev',
	workers: 1,
	retries: 0,
	timeout: 120_000,
	reporter: [['list']],
	use: { baseURL, locale: 'nl-NL' },
	projects: [{ name: 'dev', use: { ...devices['Desktop Chrome'], launchOptions } }],
	webServer: {
		command: `npx vite dev --port ${port} --strictPort --host 127.0.0.1`,
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 180_000,
		stdout: 'pipe',
		// The demo accounts exist only in the embedded database: never the server CI points DATABASE_URL at.
		env: { PGLITE_DIR: pgliteDir, MAIL_DIR: mailDir, DATABASE_URL: '' }
	}
});
