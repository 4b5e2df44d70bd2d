/**
 * Called by the item page after a learner's write: if it completed a module that an LMS link points at, the
 * score goes to the platform after the answer has left, so a slow or absent platform never holds the learner up.
 */
import { course } from '../content';
import { db } from '../db';
import { logEvent } from '../log';
import { reportModuleCompletion } from './grades';

export function afterProgress(learnerId: string, moduleId: string): void {
	setTimeout(() => {
		db()
			.then((database) => reportModuleCompletion(database, course, learnerId, moduleId))
			.catch((error: unknown) =>
				logEvent('lti.score.failed', { userId: learnerId, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'warn')
			);
	}, 0);
}
