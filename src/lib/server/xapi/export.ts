/** A learner's learning records for the data export: what was (or will be) sent to an LRS, and the cmi5 launches. */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { cmi5Accounts, cmi5Launches, xapiOutbox } from '../db/schema';

export async function learningRecordsOf(db: Db, userId: string) {
	const [learningRecords, launches, accounts] = await Promise.all([
		db
			.select({ statement: xapiOutbox.statement, createdAt: xapiOutbox.createdAt, sentAt: xapiOutbox.sentAt })
			.from(xapiOutbox)
			.where(eq(xapiOutbox.learnerId, userId))
			.orderBy(asc(xapiOutbox.createdAt)),
		// Not the LMS's access credential: that is a secret between the LMS and this server.
		db
			.select({
				moduleId: cmi5Launches.moduleId,
				endpoint: cmi5Launches.endpoint,
				registration: cmi5Launches.registration,
				activityId: cmi5Launches.activityId,
				createdAt: cmi5Launches.createdAt,
				completedAt: cmi5Launches.completedAt,
				terminatedAt: cmi5Launches.terminatedAt
			})
			.from(cmi5Launches)
			.where(eq(cmi5Launches.learnerId, userId))
			.orderBy(asc(cmi5Launches.createdAt)),
		db
			.select({ homePage: cmi5Accounts.homePage, name: cmi5Accounts.name, createdAt: cmi5Accounts.createdAt })
			.from(cmi5Accounts)
			.where(eq(cmi5Accounts.userId, userId))
	]);
	return { learningRecords, cmi5Launches: launches, cmi5Accounts: accounts };
}
