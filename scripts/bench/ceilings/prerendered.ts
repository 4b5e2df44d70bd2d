/**
 * Ceiling 2: a prerendered page from the same SvelteKit server (src/routes/ceiling, the course overview
 * built at build time): what this stack can do at most, and what a request costs it in CPU.
 */
import { existsSync } from 'node:fs';
import type { App } from '../../lib/node-build';
import { drive, type Measured } from '../load';
import { cpuMs } from '../process-meters';

export const PRERENDERED_PATH = '/ceiling';

export async function prerenderedCeiling(app: App, levels: number[], seconds: number, log: (text: string) => void) {
	const html = { accept: 'text/html' };
	const pid = app.child.pid ?? 0;
	const prerendered = await fetch(`${app.base}${PRERENDERED_PATH}`, { headers: html });
	const bytes = (await prerendered.arrayBuffer()).byteLength;
	if (prerendered.status !== 200 || !existsSync('build/prerendered/ceiling.html'))
		throw new Error(`${PRERENDERED_PATH} is not a prerendered page (status ${prerendered.status})`);
	const measured: Record<number, Measured> = {};
	const cpuPerRequest: Record<number, number> = {};
	for (const c of levels) {
		const cpuBefore = cpuMs(pid);
		measured[c] = await drive(app.base, c, seconds, () => ({
			first: { method: 'GET', path: PRERENDERED_PATH, headers: html },
			check: (s) => ({ ok: s === 200 })
		}));
		cpuPerRequest[c] = Math.round(((cpuMs(pid) - cpuBefore) / Math.max(1, measured[c]!.requests)) * 1000) / 1000;
		log(`ceiling prerendered page c=${String(c).padStart(3)}  ${measured[c]!.rps} req/s  (${PRERENDERED_PATH}, ${bytes} B)`);
	}
	return { bytes, measured, cpuPerRequest };
}
