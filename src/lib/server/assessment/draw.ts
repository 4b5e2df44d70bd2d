/**
 * Which items an attempt at the final test gets (issue 17): per module `perModule` items, first those the
 * learner has never been shown, then the least recently shown; at random among equals. Option order is
 * shuffled per attempt. Randomness is node:crypto's, so the draw cannot be predicted from earlier ones.
 */
import { randomInt } from 'node:crypto';

/** A whole number in [0, below). */
export type Random = (below: number) => number;
export const cryptoRandom: Random = (below) => randomInt(below);

export function shuffled<T>(values: readonly T[], random: Random = cryptoRandom): T[] {
	const out = [...values];
	for (let i = out.length - 1; i > 0; i--) {
		const j = random(i + 1);
		[out[i], out[j]] = [out[j]!, out[i]!];
	}
	return out;
}

export type PoolItem = { id: string; moduleId: string; options: { id: string }[] };
export type Drawn = { itemId: string; moduleId: string; optionOrder: string[] };

/**
 * `pool` per module in module order; `lastSeen` the time each item was last drawn for this learner.
 * Items come grouped by module, in module order, so the test reads as the course does.
 */
export function drawItems(
	pool: ReadonlyMap<string, readonly PoolItem[]>,
	perModule: number,
	lastSeen: ReadonlyMap<string, Date>,
	random: Random = cryptoRandom
): Drawn[] {
	const drawn: Drawn[] = [];
	for (const items of pool.values()) {
		const never = shuffled(
			items.filter((i) => !lastSeen.has(i.id)),
			random
		);
		// Shuffle before the stable sort, so items last seen at the same moment (one earlier attempt) come in random order.
		const seen = shuffled(
			items.filter((i) => lastSeen.has(i.id)),
			random
		).sort((a, b) => lastSeen.get(a.id)!.getTime() - lastSeen.get(b.id)!.getTime());
		for (const item of [...never, ...seen].slice(0, perModule))
			drawn.push({
				itemId: item.id,
				moduleId: item.moduleId,
				optionOrder: shuffled(
					item.options.map((o) => o.id),
					random
				)
			});
	}
	return drawn;
}
