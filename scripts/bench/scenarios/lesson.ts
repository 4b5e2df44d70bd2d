/** A lesson page of module 2: content rendered once at start, plus the learner's progress. */
import type { Course } from '../../../src/lib/server/content/build';
import type { Learner } from '../seed';
import { itemPath } from './item-path';
import { read } from './read';
import type { Scenario, Site } from './scenario';

export function lesson(site: Site, readers: Learner[], course: Course): Scenario {
	const item = course.modules[1]!.items.find((x) => x.type === 'lesson')!;
	return { name: 'lesson', kind: 'page', plan: read(site, readers, () => itemPath(item)) };
}
