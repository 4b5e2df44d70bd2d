/**
 * The administrator's command line runs under tsx, without Vite: a module it imports that reaches the bundled course
 * (import.meta.glob) at load time breaks every command. The end-to-end server's setup makes its accounts with it and
 * ignores a failure (the accounts may exist already), so a break showed there only as failed logins.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('scripts/admin.ts', () => {
	it('loads every module it imports outside Vite, then answers an unknown command with its usage', () => {
		// An unknown command exits 2 with the usage, after every import has loaded.
		const run = spawnSync('npx', ['tsx', 'scripts/admin.ts', 'no-such-command'], {
			encoding: 'utf8',
			timeout: 120_000,
			env: { ...process.env, DATABASE_URL: '' }
		});
		expect(run.stderr).not.toMatch(/TypeError|SyntaxError|ReferenceError/);
		expect(run.stderr).toContain('Unknown command "no-such-command"');
		expect(run.stderr).toContain('npm run admin -- create-user');
		expect(run.status).toBe(2);
	}, 130_000);
});
