/** The few parts of jstat (which ships no types) that the statistics modules use. */
declare module 'jstat' {
	interface JStat {
		mean(values: number[]): number;
		/** With `true`: the sample variance (n - 1). */
		variance(values: number[], sample: true): number;
		noncentralt: { cdf(x: number, dof: number, ncp: number): number };
		studentt: { inv(p: number, dof: number): number };
		normal: { inv(p: number, mean: number, sd: number): number };
	}
	const jStat: JStat;
	export default jStat;
}
