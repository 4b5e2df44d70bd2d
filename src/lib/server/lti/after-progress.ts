/**
 * Called by the item page after a learner's write: if it completed a module that an LMS link points at, the
 * score goes to the platform after the answer has left, so a slow or absent platform never holds the learner up.
 */
import { course } from '../content';
import { db } from '../db';
import { logEvent } from '../log';
import type { Db } from '../db';
import { postTestScore, reportModuleCompletion } from './grades';

/**
 * Set when the server is told to stop: a post still waiting for its turn then stays undone, because opening the
 * database again after closeDatabase() would hold the process open past its graceful shutdown.
 */
let stopping = false;
process.once('sveltekit:shutdown', () => (stopping = true));

/** Runs a score post after the response has left; a failure is logged, never the learner's problem. */
function inBackground(learnerId: string, post: (database: Db) => Promise<unknown>): void {
	setTimeout(() => {
		if (stopping) return;
		db()
			.then(post)
			.catch((error: unknown) =>
				logEvent('lti.score.failed', { userId: learnerId, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'warn')
			);
	}, 0);
}

export function afterProgress(learnerId: string, moduleId: string): void {
	inBackground(learnerId, (database) => reportModuleCompletion(database, course, learnerId, moduleId));
}

/** After a submitted final test: its score goes to every LMS link that points at the test. */
export function afterTest(learnerId: string, correct: number, total: number): void {
	inBackground(learnerId, (database) => postTestScore(database, learnerId, correct, total));
}
