/**
 * Client weight per route, read from the build output: the JavaScript and CSS a first visit loads
 * (the client entry, every layout and the page node, with their static imports), gzipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

export type RouteWeight = { route: string; jsFiles: number; jsGzip: number; jsRaw: number; cssGzip: number; cssRaw: number };

function listAfter(text: string, name: string): string[] {
	const match = new RegExp(`${name}\\s*[:=]\\s*\\[([^\\]]*)\\]`).exec(text);
	return match?.[1] ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '') : [];
}

export function clientWeight(output = '.svelte-kit/output'): RouteWeight[] {
	const manifestFile = join(output, 'server/manifest.js');
	if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build first`);
	const manifest = readFileSync(manifestFile, 'utf8');
	const clientBlock = /client:\s*\{([^}]*)\}/.exec(manifest)?.[1] ?? '';
	const entryJs = listAfter(clientBlock, 'imports');
	const entryCss = listAfter(clientBlock, 'stylesheets');
	const node = (i: number) => {
		const text = readFileSync(join(output, `server/nodes/${i}.js`), 'utf8');
		return { js: listAfter(text, 'imports'), css: listAfter(text, 'stylesheets') };
	};
	const gz = new Map<string, { raw: number; gzip: number }>();
	const size = (file: string) => {
		let s = gz.get(file);
		if (!s) {
			const bytes = readFileSync(join(output, 'client', file));
			s = { raw: bytes.length, gzip: gzipSync(bytes, { level: constants.Z_BEST_COMPRESSION }).length };
			gz.set(file, s);
		}
		return s;
	};
	const routes: RouteWeight[] = [];
	for (const chunk of manifest.split(/\bid:\s*"/).slice(1)) {
		const id = chunk.slice(0, chunk.indexOf('"'));
		const page = /page:\s*\{\s*layouts:\s*\[([^\]]*)\][^}]*?leaf:\s*(\d+)\s*\}/.exec(chunk);
		if (!page) continue;
		const [, layouts, leaf] = page;
		const nodes = [...(layouts ?? '').split(',').filter((x) => x.trim() !== '').map(Number), Number(leaf)].map(node);
		const js = new Set([...entryJs, ...nodes.flatMap((n) => n.js)]);
		const css = new Set([...entryCss, ...nodes.flatMap((n) => n.css)]);
		const sum = (files: Set<string>, key: 'raw' | 'gzip') => [...files].reduce((a, f) => a + size(f)[key], 0);
		routes.push({ route: id, jsFiles: js.size, jsGzip: sum(js, 'gzip'), jsRaw: sum(js, 'raw'), cssGzip: sum(css, 'gzip'), cssRaw: sum(css, 'raw') });
	}
	return routes.sort((a, b) => b.jsGzip - a.jsGzip);
}
