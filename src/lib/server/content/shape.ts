/**
 * What Dutch and English must agree on in a content file: everything but its prose. The ids, enums, numbers,
 * lists and which keys are present stay; the values of the prose keys are blanked (a prose map, such as a
 * drill's `why` per skill, keeps its keys). One function for the course's items, the practice files and the test pool.
 */
export function shapeOf(value: unknown, prose: ReadonlySet<string>, proseMaps: ReadonlySet<string> = new Set()): string {
	const blank = (v: unknown): unknown => {
		if (Array.isArray(v)) return v.map(blank);
		if (!v || typeof v !== 'object') return v;
		return Object.fromEntries(
			Object.entries(v).map(([k, inner]) => [k, proseMaps.has(k) && inner && typeof inner === 'object' ? Object.keys(inner) : prose.has(k) ? '' : blank(inner)])
		);
	};
	return JSON.stringify(blank(value));
}
