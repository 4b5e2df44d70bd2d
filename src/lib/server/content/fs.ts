/** Reads content/ from disk, for the command line and tests outside Vite. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function readContentFiles(root: string): Record<string, string> {
	const files: Record<string, string> = {};
	for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile() || !/\.(md|yaml)$/.test(entry.name)) continue;
		const full = join(entry.parentPath, entry.name);
		const rel = relative(root, full).split('\\').join('/');
		if (rel !== 'README.md') files[rel] = readFileSync(full, 'utf8');
	}
	return files;
}
