/**
 * Client weight per route, read from the build output: the JavaScript and CSS a first visit loads
 * (the client entry, every layout and the page node, with their static imports, and of what they import on
 * demand the heaviest choice: the item page's player for one type of item, one language's error messages), gzipped; and the web fonts
 * that CSS names (woff2, counted as stored: they are compressed already). Fonts are not JavaScript and do not
 * count against its budget, but a visitor downloads them all the same (at most: a browser fetches a face only
 * when text uses it).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { constants, gzipSync } from 'node:zlib';

export type RouteWeight = {
	route: string;
	jsFiles: number;
	jsGzip: number;
	jsRaw: number;
	/** Of jsGzip, what the route's code imports on demand (the heaviest choice of each import site). */
	lazyJsGzip: number;
	cssGzip: number;
	cssRaw: number;
	fontFiles: number;
	fontBytes: number;
};

/** The woff2 files a stylesheet's @font-face rules point at, as paths under the client output. */
export function fontsIn(css: string, cssFile: string): string[] {
	return [...css.matchAll(/url\(\s*['"]?([^'")]+?\.woff2)(?:[?#][^'")]*)?['"]?\s*\)/g)].map((m) => {
		const url = m[1] ?? '';
		return url.startsWith('/') ? url.slice(1) : join(dirname(cssFile), url);
	});
}

function listAfter(text: string, name: string): string[] {
	const match = new RegExp(`${name}\\s*[:=]\\s*\\[([^\\]]*)\\]`).exec(text);
	return match?.[1] ? [...match[1].matchAll(/"([^"]+)"/g)].map((m) => m[1] ?? '') : [];
}

type ViteChunk = { file: string; imports?: string[]; dynamicImports?: string[] };

/**
 * The files a route's code imports on demand, from Vite's client manifest: for each of its files that imports
 * others with `import()` (the client entry aside, whose are the pages), the heaviest of those with what they
 * import in turn that the route has not loaded yet; a page loads one of them (one player, one language).
 */
function onDemand(vite: Record<string, ViteChunk>, loaded: Set<string>, entry: Set<string>, gzip: (file: string) => number): string[] {
	const byFile = new Map(Object.entries(vite).map(([key, chunk]) => [chunk.file, key]));
	const closure = (key: string, into: Set<string>) => {
		const chunk = vite[key];
		if (!chunk || into.has(chunk.file)) return into;
		into.add(chunk.file);
		for (const next of chunk.imports ?? []) closure(next, into);
		return into;
	};
	const added: string[] = [];
	for (const file of loaded) {
		const key = byFile.get(file);
		if (key === undefined || entry.has(file)) continue;
		const choices = (vite[key]?.dynamicImports ?? []).map((d) => [...closure(d, new Set())].filter((f) => !loaded.has(f)));
		const cost = (files: string[]) => files.reduce((a, f) => a + gzip(f), 0);
		const heaviest = choices.sort((a, b) => cost(b) - cost(a))[0];
		if (heaviest) added.push(...heaviest);
	}
	return added;
}

export function clientWeight(output = '.svelte-kit/output'): RouteWeight[] {
	const manifestFile = join(output, 'server/manifest.js');
	if (!existsSync(manifestFile)) throw new Error(`${manifestFile} is missing: build first`);
	const manifest = readFileSync(manifestFile, 'utf8');
	const clientBlock = /client:\s*\{([^}]*)\}/.exec(manifest)?.[1] ?? '';
	const entryJs = listAfter(clientBlock, 'imports');
	const entryCss = listAfter(clientBlock, 'stylesheets');
	const viteManifest = join(output, 'client/.vite/manifest.json');
	const vite = existsSync(viteManifest) ? (JSON.parse(readFileSync(viteManifest, 'utf8')) as Record<string, ViteChunk>) : null;
	// A layout's or page's number in the routes is its place in the manifest's `nodes` list, not the number in its file
	// name: a prerendered page (the benchmark's /ceiling) is left out of the list, and the files after it shift by one.
	const nodeFiles = [...manifest.matchAll(/import\(['"]\.\/nodes\/(\d+)\.js['"]\)/g)].map((m) => Number(m[1]));
	const node = (i: number) => {
		const text = readFileSync(join(output, `server/nodes/${nodeFiles[i] ?? i}.js`), 'utf8');
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
	const fontsOf = new Map<string, string[]>();
	const fonts = (cssFile: string) => {
		let list = fontsOf.get(cssFile);
		if (!list)
			fontsOf.set(
				cssFile,
				(list = fontsIn(readFileSync(join(output, 'client', cssFile), 'utf8'), cssFile).filter((f) => existsSync(join(output, 'client', f))))
			);
		return list;
	};
	const routes: RouteWeight[] = [];
	for (const chunk of manifest.split(/\bid:\s*"/).slice(1)) {
		const id = chunk.slice(0, chunk.indexOf('"'));
		const page = /page:\s*\{\s*layouts:\s*\[([^\]]*)\][^}]*?leaf:\s*(\d+)\s*\}/.exec(chunk);
		if (!page) continue;
		const [, layouts, leaf] = page;
		const nodes = [
			...(layouts ?? '')
				.split(',')
				.filter((x) => x.trim() !== '')
				.map(Number),
			Number(leaf)
		].map(node);
		const js = new Set([...entryJs, ...nodes.flatMap((n) => n.js)]);
		const lazy = new Set(vite ? onDemand(vite, js, new Set(entryJs), (f) => size(f).gzip).filter((f) => !js.has(f)) : []);
		for (const file of lazy) js.add(file);
		const css = new Set([...entryCss, ...nodes.flatMap((n) => n.css)]);
		const sum = (files: Set<string>, key: 'raw' | 'gzip') => [...files].reduce((a, f) => a + size(f)[key], 0);
		const woff2 = new Set([...css].flatMap(fonts));
		routes.push({
			route: id,
			jsFiles: js.size,
			jsGzip: sum(js, 'gzip'),
			jsRaw: sum(js, 'raw'),
			lazyJsGzip: sum(lazy, 'gzip'),
			cssGzip: sum(css, 'gzip'),
			cssRaw: sum(css, 'raw'),
			fontFiles: woff2.size,
			fontBytes: sum(woff2, 'raw')
		});
	}
	return routes.sort((a, b) => b.jsGzip - a.jsGzip);
}
