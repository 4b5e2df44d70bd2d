/** Builds the app as `npm run build` does (Paraglide messages, then Vite), printing only errors. */
import { spawnSync } from 'node:child_process';

export function buildApp(): void {
	for (const [cmd, args] of [
		['npm', ['run', 'i18n', '--silent']],
		['npx', ['vite', 'build', '--logLevel', 'error']]
	] as const) {
		const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
		if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
	}
}
