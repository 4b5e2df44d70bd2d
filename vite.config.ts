import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * `virtual:error-messages`: the `error_*` messages of both languages as plain templates, for `t()` in
 * src/lib/i18n.ts; the only messages looked up by a key computed at run time.
 */
function errorMessages(): Plugin {
	const id = 'virtual:error-messages';
	// Absolute: Vite takes a relative watch file for an import of the virtual module and fails to resolve it.
	const file = (locale: string) => fileURLToPath(new URL(`./messages/${locale}.json`, import.meta.url));
	const files = { nl: file('nl'), en: file('en') };
	return {
		name: 'ontroerd-error-messages',
		resolveId: (source) => (source === id ? `\0${id}` : undefined),
		load(resolved) {
			if (resolved !== `\0${id}`) return;
			const pick = (file: string) => {
				this.addWatchFile(file);
				return Object.fromEntries(
					Object.entries(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>).filter(([key]) => key.startsWith('error_'))
				);
			};
			return `export default ${JSON.stringify({ nl: pick(files.nl), en: pick(files.en) })};`;
		}
	};
}

export default defineConfig({
	plugins: [
		errorMessages(),
		sveltekit(),
		// Tests use the compiled output of `npm run i18n`; the plugin's watcher would keep vitest from exiting.
		!process.env.VITEST &&
			paraglideVitePlugin({
				project: './project.inlang',
				outdir: './src/lib/paraglide',
				strategy: ['cookie', 'preferredLanguage', 'baseLocale']
			})
	],
	server: { port: 5173, strictPort: false },
	test: {
		expect: { requireAssertions: true },
		projects: [
			{
				extends: true,
				test: { name: 'unit', include: ['src/**/*.spec.ts'], environment: 'node' }
			},
			{
				extends: true,
				test: {
					name: 'integration',
					include: ['tests/integration/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 60_000,
					fileParallelism: false
				}
			}
		]
	}
});
