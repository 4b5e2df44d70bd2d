/** A submitted attempt at the final test (issue 17), with its result per module: /toets/<attempt>. */
import type { Learner } from '../seed';
import type { PracticeOf } from '../seed-practice';
import { read } from './read';
import type { Scenario, Site } from './scenario';

export function testAttempt(site: Site, learners: Learner[], practice: Map<string, PracticeOf>): Scenario {
	const tested = learners.filter((l) => practice.get(l.id)?.attempt);
	if (tested.length === 0) throw new Error('no seeded learner has a test attempt');
	return { name: 'test attempt', kind: 'page', plan: read(site, tested, (l) => `/toets/${practice.get(l.id)!.attempt}`) };
}
