/** The learners a cohort report is about: a cohort's current members. */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortMembers } from '../db/schema';

export async function membersOf(db: Pick<Db, 'select'>, cohortId: string): Promise<string[]> {
	const rows = await db.select({ id: cohortMembers.learnerId }).from(cohortMembers).where(eq(cohortMembers.cohortId, cohortId));
	return rows.map((r) => r.id);
}
