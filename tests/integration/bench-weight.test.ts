/**
 * The benchmark's client weight per route (scripts/bench/weight.ts) on a small build output: a route's layouts and
 * page are places in the manifest's `nodes` list, and a prerendered page left out of that list shifts the file
 * numbers after it (the weight once charged /my-data with the lesson page's JavaScript).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientWeight } from '../../scripts/bench/weight';

describe('bench client weight', () => {
	const out = mkdtempSync(join(tmpdir(), 'weight-'));
	afterAll(() => rmSync(out, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(join(out, path, '..'), { recursive: true });
		writeFileSync(join(out, path), text);
	};

	it('reads each route from the node its manifest names, with nodes/2.js (the prerendered page) left out of the list', () => {
		write(
			'server/manifest.js',
			`client: {start:"_app/start.js",app:"_app/app.js",imports:["_app/start.js"],stylesheets:[],fonts:[]},
			nodes: [
				__memo(() => import('./nodes/0.js')),
				__memo(() => import('./nodes/1.js')),
				__memo(() => import('./nodes/3.js'))
			],
			routes: [
				{ id: "/light", pattern: /x/, params: [], page: { layouts: [0,], errors: [1,], leaf: 1 }, endpoint: null },
				{ id: "/heavy", pattern: /x/, params: [], page: { layouts: [0,], errors: [1,], leaf: 2 }, endpoint: null }
			]`
		);
		const node = (i: number, js: string[]) => write(`server/nodes/${i}.js`, `export const imports = ${JSON.stringify(js)};\nexport const stylesheets = [];`);
		node(0, ['_app/layout.js']);
		node(1, ['_app/light.js']);
		node(2, ['_app/prerendered.js']);
		node(3, ['_app/heavy.js']);
		const bytes = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
		for (const [file, size] of [
			['start.js', 100],
			['layout.js', 100],
			['light.js', 100],
			['prerendered.js', 100],
			['heavy.js', 20_000]
		] as const)
			write(`client/_app/${file}`, bytes(size));
		const weight = clientWeight(out);
		expect(weight.map((w) => w.route)).toEqual(['/heavy', '/light']);
		expect(weight[0]?.jsFiles).toBe(3);
		expect(weight[0]!.jsRaw).toBe(20_200);
		expect(weight[1]!.jsRaw).toBe(300);
	});

	it("counts of what a route imports on demand the heaviest choice (one player of the item page), the client entry's pages aside", () => {
		const lazy = mkdtempSync(join(tmpdir(), 'weight-lazy-'));
		try {
			const put = (path: string, text: string) => {
				mkdirSync(join(lazy, path, '..'), { recursive: true });
				writeFileSync(join(lazy, path), text);
			};
			put(
				'server/manifest.js',
				`client: {start:"_app/start.js",app:"_app/app.js",imports:["_app/start.js","_app/app.js"],stylesheets:[],fonts:[]},
				nodes: [__memo(() => import('./nodes/0.js')), __memo(() => import('./nodes/1.js'))],
				routes: [{ id: "/item", pattern: /x/, params: [], page: { layouts: [0,], errors: [0,], leaf: 1 }, endpoint: null }]`
			);
			put('server/nodes/0.js', `export const imports = ["_app/layout.js"];\nexport const stylesheets = [];`);
			put('server/nodes/1.js', `export const imports = ["_app/page.js"];\nexport const stylesheets = [];`);
			put(
				'client/.vite/manifest.json',
				JSON.stringify({
					'app.js': { file: '_app/app.js', dynamicImports: ['layout.svelte', 'page.svelte'] },
					'layout.svelte': { file: '_app/layout.js' },
					'page.svelte': { file: '_app/page.js', dynamicImports: ['Small.svelte', 'Big.svelte'] },
					'Small.svelte': { file: '_app/small.js', imports: ['_shared.js'] },
					'Big.svelte': { file: '_app/big.js', imports: ['_shared.js'] },
					'_shared.js': { file: '_app/shared.js' }
				})
			);
			const bytes = (n: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join('');
			for (const [file, size] of [
				['start.js', 100],
				['app.js', 100],
				['layout.js', 100],
				['page.js', 100],
				['small.js', 1_000],
				['big.js', 5_000],
				['shared.js', 2_000]
			] as const)
				put(`client/_app/${file}`, bytes(size));
			const [item] = clientWeight(lazy);
			expect(item?.jsFiles).toBe(6);
			expect(item?.jsRaw).toBe(400 + 5_000 + 2_000);
			expect(item?.lazyJsGzip).toBeGreaterThan(0);
			expect(item!.lazyJsGzip).toBeLessThan(item!.jsGzip);
		} finally {
			rmSync(lazy, { recursive: true, force: true });
		}
	});
});
