/** The first vignette of module 1: a step of the case, with the learner's path through it so far. */
import type { Course } from '../../../src/lib/server/content/build';
import type { Learner } from '../seed';
import { itemPath } from './item-path';
import { read } from './read';
import type { Scenario, Site } from './scenario';

export function vignetteStep(site: Site, readers: Learner[], course: Course): Scenario {
	const item = course.modules[0]!.items.find((x) => x.type === 'vignette')!;
	return { name: 'vignette step', kind: 'page', plan: read(site, readers, () => itemPath(item)) };
}
