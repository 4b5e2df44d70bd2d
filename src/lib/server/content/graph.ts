import type { RawVignette } from './schema';

/** Dangling references, unreachable steps, cycles (a path that never ends) and duplicate ids. */
export function checkVignetteGraph(v: RawVignette): string[] {
	const problems: string[] = [];
	const byId = new Map<string, RawVignette['steps'][number]>();
	for (const [i, step] of v.steps.entries()) {
		if (byId.has(step.id)) problems.push(`steps[${i}].id: duplicate step id "${step.id}"`);
		byId.set(step.id, step);
		const ids = (step.choices ?? []).map((c) => c.id);
		if (new Set(ids).size !== ids.length) problems.push(`steps[${i}].choices: duplicate choice id`);
		for (const [j, c] of (step.choices ?? []).entries()) {
			if (!byId.has(c.next) && !v.steps.some((s) => s.id === c.next)) problems.push(`steps[${i}].choices[${j}].next: unknown step "${c.next}"`);
		}
	}
	if (!byId.has(v.start)) return [...problems, `start: unknown step "${v.start}"`];
	if (problems.length) return problems;

	// Depth-first walk from the start: grey = on the current path (a cycle if met again), black = done.
	const colour = new Map<string, 'grey' | 'black'>();
	const visit = (id: string, trail: string[]): void => {
		colour.set(id, 'grey');
		for (const c of byId.get(id)?.choices ?? []) {
			const seen = colour.get(c.next);
			if (seen === 'grey') problems.push(`steps: the path ${[...trail, id, c.next].join(' → ')} loops and never ends`);
			else if (!seen) visit(c.next, [...trail, id]);
		}
		colour.set(id, 'black');
	};
	visit(v.start, []);
	for (const [i, step] of v.steps.entries()) {
		if (!colour.has(step.id)) problems.push(`steps[${i}]: step "${step.id}" cannot be reached from the start`);
	}
	if (problems.length) return problems;
	const { decisions, endings } = depthOf(v);
	if (decisions < MIN_DECISIONS)
		problems.push(`steps: the longest path has ${decisions} decision point${decisions === 1 ? '' : 's'}; a vignette needs at least ${MIN_DECISIONS}`);
	if (endings < MIN_ENDINGS) problems.push(`steps: ${endings} distinct ending${endings === 1 ? '' : 's'}; a vignette needs at least ${MIN_ENDINGS}`);
	return problems;
}

/** A case teaches by consequence: enough choices in a row, and more than one way for it to end. */
export const MIN_DECISIONS = 4;
export const MIN_ENDINGS = 3;

/** Decision points on the longest path from the start, and the endings that can be reached. Assumes an acyclic graph. */
export function depthOf(v: RawVignette): { decisions: number; endings: number } {
	const byId = new Map(v.steps.map((s) => [s.id, s]));
	const memo = new Map<string, number>();
	const endings = new Set<string>();
	const longest = (id: string): number => {
		const known = memo.get(id);
		if (known !== undefined) return known;
		const step = byId.get(id);
		const choices = step?.choices ?? [];
		if (step?.end) endings.add(id);
		const depth = choices.length ? 1 + Math.max(...choices.map((c) => longest(c.next))) : 0;
		memo.set(id, depth);
		return depth;
	};
	return { decisions: longest(v.start), endings: endings.size };
}
