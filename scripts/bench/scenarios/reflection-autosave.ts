/** Autosave as the enhanced form does it (JSON action); each connection its own learner and reflection, versions tracked. */
import type { Course, Item } from '../../../src/lib/server/content/build';
import type { Next, Plan } from '../load';
import type { Learner } from '../seed';
import { itemPath } from './item-path';
import type { Scenario, Site } from './scenario';

export function reflectionAutosave(site: Site, learners: Learner[], course: Course): Scenario {
	const reflectionItem = course.modules[0]!.items.find((x): x is Extract<Item, { type: 'reflection' }> => x.type === 'reflection')!;
	let n = 0;
	const plan = (): Plan => {
		const learner = learners[n++ % learners.length]!;
		const key = reflectionItem.reflectionKey;
		let version = learner.reflections.get(key) ?? 0;
		let edits = 0;
		const request = (): Next => ({
			method: 'POST',
			path: `${itemPath(reflectionItem)}?/reflect`,
			headers: {
				accept: 'application/json',
				'x-sveltekit-action': 'true',
				origin: site.base,
				cookie: site.cookieOf(learner.id),
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: new URLSearchParams({
				key,
				version: String(version),
				visibility: 'private',
				body: `Wat mij raakt: ${'tranen '.repeat(20)} (bewerking ${++edits})`
			}).toString()
		});
		return {
			first: request(),
			check: (status, body) => {
				let ok = false;
				try {
					const result = JSON.parse(body) as { type: string; data?: string };
					const data = result.data ? (JSON.parse(result.data) as unknown[]) : [];
					// devalue's flat form: find the reflection object and read its version.
					const obj = data.find((x) => x && typeof x === 'object' && !Array.isArray(x) && 'version' in x) as Record<string, number> | undefined;
					const v = obj && typeof data[obj.version!] === 'number' ? (data[obj.version!] as number) : undefined;
					const conflict = data.find((x) => x && typeof x === 'object' && !Array.isArray(x) && 'conflict' in x);
					if (result.type === 'success' && v !== undefined) {
						version = v;
						ok = status === 200;
					} else if (conflict) {
						const c = data[(conflict as Record<string, number>).conflict!] as Record<string, number> | undefined;
						const cv = c ? data[c.version!] : undefined;
						if (typeof cv === 'number') version = cv;
					}
				} catch {
					ok = false;
				}
				learner.reflections.set(key, version);
				return { ok, next: request() };
			}
		};
	};
	return { name: 'reflection autosave', kind: 'write', plan };
}
