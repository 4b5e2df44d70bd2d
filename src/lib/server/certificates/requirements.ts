/** Where a learner stands on the certificate's requirements, each on its own so the page can say which is open. */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { testAttempts, testEvaluations } from '../db/schema';
import { TEST_PASS_MARK } from '../assessment/attempts';
import { parsePoints } from './holder';

/** The installation's pass mark (TEST_PASS_MARK, 70 by default), as the final test applies it. */
export const PASS_MARK = TEST_PASS_MARK;
/** The accreditation points the installation was granted (ACCREDITATION_POINTS), read once: a bad value stops the app. */
export const ACCREDITATION_POINTS = parsePoints(process.env.ACCREDITATION_POINTS);

export async function requirementsOf(db: Db, learnerId: string): Promise<{ passed: boolean; evaluated: boolean }> {
	const [[passed], [evaluated]] = await Promise.all([
		db
			.select({ id: testAttempts.id })
			.from(testAttempts)
			.where(and(eq(testAttempts.learnerId, learnerId), eq(testAttempts.passed, true), isNotNull(testAttempts.submittedAt)))
			.limit(1),
		db.select({ id: testEvaluations.id }).from(testEvaluations).where(eq(testEvaluations.learnerId, learnerId)).limit(1)
	]);
	return { passed: Boolean(passed), evaluated: Boolean(evaluated) };
}
