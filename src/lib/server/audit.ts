/**
 * The access log: every time someone other than the learner reads their reflection or submission.
 * Each read also goes to the server log (ids and item keys only, never the text).
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { accessLog } from './db/schema';
import type { SessionUser } from './auth/session';
import { logEvent } from './log';

export async function logAccess(db: Pick<Db, 'insert'>, viewer: SessionUser, learnerId: string, what: string[]): Promise<void> {
	if (viewer.id === learnerId || what.length === 0) return;
	await db.insert(accessLog).values(what.map((w) => ({ learnerId, viewerId: viewer.id, viewerName: viewer.displayName, what: w })));
	logEvent('learner-work.read', { viewerId: viewer.id, learnerId, what: what.join(' '), items: what.length });
}

export async function accessLogOf(db: Db, learnerId: string) {
	return db
		.select({ viewerName: accessLog.viewerName, what: accessLog.what, at: accessLog.at })
		.from(accessLog)
		.where(eq(accessLog.learnerId, learnerId))
		.orderBy(desc(accessLog.at))
		.limit(500);
}
