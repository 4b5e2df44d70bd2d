/**
 * `npm run content:minutes`: the careful estimate of every item's study time beside its stated minutes
 * (rates in src/lib/server/content/minutes.ts, explained in content/README.md). With `-- --write` it
 * rewrites only the `minutes:` lines of the item files (Dutch and English alike) and of module.yaml
 * (the sum of its items).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readContentFiles } from '../src/lib/server/content/fs';
import { ContentError, loadCourse } from '../src/lib/server/content/load';
import { MINUTES_FLOOR, estimateMinutes, fileOfIn, moduleEstimate, withMinutes } from '../src/lib/server/content/minutes';

const root = process.argv.find((a, i) => i > 1 && !a.startsWith('--')) ?? 'content';
const write = process.argv.includes('--write');

function setMinutes(file: string, minutes: number): boolean {
	const path = join(root, file);
	const text = readFileSync(path, 'utf8');
	const next = withMinutes(text, minutes);
	if (next === text) return false;
	writeFileSync(path, next);
	return true;
}

try {
	const files = readContentFiles(root);
	const course = loadCourse(files);
	const fileOf = fileOfIn(files);
	const rows: string[][] = [['item', 'type', 'stated', 'estimate', '']];
	let changed = 0;
	const flag = (stated: number, estimate: number) => (stated < MINUTES_FLOOR * estimate ? 'too low' : '');
	for (const module of course.modules) {
		for (const item of module.items) {
			const estimate = estimateMinutes(item);
			rows.push([`  ${item.id}`, item.type, String(item.minutes), String(estimate), flag(item.minutes, estimate)]);
			if (write && item.minutes !== estimate) {
				const nl = fileOf.item(item);
				for (const file of [nl, nl.replace('.nl.', '.en.')]) changed += setMinutes(file, estimate) ? 1 : 0;
			}
		}
		const estimate = moduleEstimate(module);
		rows.push([module.id, 'module', String(module.minutes), String(estimate), flag(module.minutes, estimate)]);
		if (write && module.minutes !== estimate) changed += setMinutes(fileOf.module(module), estimate) ? 1 : 0;
	}
	const stated = course.modules.reduce((n, m) => n + m.minutes, 0);
	const estimated = course.modules.reduce((n, m) => n + moduleEstimate(m), 0);
	rows.push(['course', '', String(stated), String(estimated), flag(stated, estimated)]);
	const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
	for (const r of rows)
		console.log(
			r
				.map((cell, c) => (c >= 2 && c <= 3 ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
				.join('  ')
				.trimEnd()
		);
	if (write) console.log(`\n${changed} file${changed === 1 ? '' : 's'} rewritten; check with npm run content:check`);
} catch (error) {
	if (!(error instanceof ContentError)) throw error;
	console.error(error.message);
	process.exit(1);
}
