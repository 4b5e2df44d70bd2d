import prettier from 'eslint-config-prettier';
import path from 'node:path';
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, includeIgnoreFile } from 'eslint/config';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const gitignorePath = path.resolve(import.meta.dirname, '.gitignore');

// The shape `sv add eslint prettier` writes, plus type-aware linting (projectService) for the promise rules.
export default defineConfig(
	includeIgnoreFile(gitignorePath),
	{ ignores: ['drizzle/', 'static/'] },
	js.configs.recommended,
	ts.configs.recommended,
	svelte.configs.recommended,
	prettier,
	svelte.configs.prettier,
	{
		languageOptions: {
			globals: { ...globals.browser, ...globals.node },
			parserOptions: {
				// Type information for every file: from tsconfig.json, and for the few files outside it
				// (this file, prettier.config.js, the .mjs scripts) from a default project.
				projectService: { allowDefaultProject: ['eslint.config.js', 'prettier.config.js', 'scripts/*.mjs'] },
				tsconfigRootDir: import.meta.dirname
			}
		},
		rules: {
			// typescript-eslint strongly recommend that you do not use the no-undef lint rule on TypeScript projects.
			// see: https://typescript-eslint.io/troubleshooting/faqs/eslint/#i-get-errors-from-the-no-undef-rule-about-global-variables-not-being-defined-even-though-there-are-no-typescript-errors
			'no-undef': 'off',
			// `const { secret: _secret, ...rest } = row` is how the code drops a column before returning a row.
			'@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }]
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// A promise nobody awaits loses its error (an unhandled rejection) and its ordering: await it, catch it,
			// or mark a deliberate fire-and-forget with `void` and a comment saying why.
			'@typescript-eslint/no-floating-promises': 'error',
			// An async function where a void callback is expected (an event handler, forEach) has the same problem.
			'@typescript-eslint/no-misused-promises': 'error',
			// Off for now: its 79 reports are internal hrefs without resolve() from $app/paths. The app is never served
			// under a base path, so nothing is broken today; issue 13 turns it on with resolve() on every internal link.
			'svelte/no-navigation-without-resolve': 'off'
		}
	}
);
