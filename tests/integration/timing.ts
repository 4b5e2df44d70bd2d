/**
 * The statistical timing check behind "a known and an unknown e-mail address take the same time"
 * (issue 6): 30 pairs, each pair run back to back in alternating order, after a warm-up. The figure
 * is the median of the paired differences, so a slow spell of the machine (which slows both halves
 * of a pair) does not count as a difference, while a systematic one (skipping the hash) does.
 */
export async function timingGap(known: (i: number) => Promise<unknown>, unknown: (i: number) => Promise<unknown>, pairs = 30): Promise<number> {
	const time = async (run: () => Promise<unknown>) => {
		const start = performance.now();
		await run();
		return performance.now() - start;
	};
	for (let i = 0; i < 3; i++) await time(() => (i % 2 ? known(i) : unknown(i)));
	const differences: number[] = [];
	for (let i = 0; i < pairs; i++) {
		if (i % 2) {
			const b = await time(() => unknown(i));
			differences.push((await time(() => known(i))) - b);
		} else {
			const a = await time(() => known(i));
			differences.push(a - (await time(() => unknown(i))));
		}
	}
	const sorted = differences.sort((x, y) => x - y);
	return Math.abs(sorted[Math.floor(sorted.length / 2)] ?? 0);
}
