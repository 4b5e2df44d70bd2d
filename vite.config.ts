import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

/**
 * `virtual:error-messages/<locale>`: the `error_*` messages of one language as plain templates, for `t()` in
 * src/lib/i18n.ts; the only messages looked up by a key computed at run time. One module per language, so that
 * the browser loads the learner's language only (src/routes/+layout.ts).
 */
function errorMessages(): Plugin {
	const prefix = 'virtual:error-messages/';
	// Absolute: Vite takes a relative watch file for an import of the virtual module and fails to resolve it.
	const file = (locale: string) => fileURLToPath(new URL(`./messages/${locale}.json`, import.meta.url));
	return {
		name: 'ontroerd-error-messages',
		resolveId: (source) => (source.startsWith(prefix) ? `\0${source}` : undefined),
		load(resolved) {
			if (!resolved.startsWith(`\0${prefix}`)) return;
			const locale = resolved.slice(prefix.length + 1);
			if (!/^[a-z]{2}$/.test(locale)) return;
			this.addWatchFile(file(locale));
			const messages = JSON.parse(readFileSync(file(locale), 'utf8')) as Record<string, unknown>;
			return `export default ${JSON.stringify(Object.fromEntries(Object.entries(messages).filter(([key]) => key.startsWith('error_'))))};`;
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
