/**
 * The access log: every time someone other than the learner reads their reflection or submission.
 * Each read also goes to the server log (ids and item keys only, never the text).
 */
import { desc, eq } from 'drizzle-orm';
import type { Db } from './db';
import { accessLog } from './db/schema';
import type { SessionUser } from './auth/session';
import { logEvent } from './log';

/** One read: whose work, and which piece of it (`reflection:<prompt key>`, `submission:<assignment id>`). */
export type Read = { learnerId: string; what: string };

/** Logs `viewer`'s reads of one learner's work. */
export async function logAccess(db: Pick<Db, 'insert'>, viewer: SessionUser, learnerId: string, what: string[]): Promise<void> {
	await logReads(
		db,
		viewer,
		what.map((w) => ({ learnerId, what: w }))
	);
}

/**
 * Logs `viewer`'s reads of any number of learners' work in one insert: a page or an export that
 * shows many pieces logs them together. Reading one's own work is not logged.
 */
export async function logReads(db: Pick<Db, 'insert'>, viewer: SessionUser, reads: Read[]): Promise<void> {
	const others = reads.filter((r) => r.learnerId !== viewer.id);
	if (others.length === 0) return;
	await db.insert(accessLog).values(others.map((r) => ({ learnerId: r.learnerId, viewerId: viewer.id, viewerName: viewer.displayName, what: r.what })));
	// One server log line per learner, with all of their work that was read.
	const byLearner = new Map<string, string[]>();
	for (const r of others) {
		const list = byLearner.get(r.learnerId);
		if (list) list.push(r.what);
		else byLearner.set(r.learnerId, [r.what]);
	}
	for (const [learnerId, what] of byLearner) logEvent('learner-work.read', { viewerId: viewer.id, learnerId, what: what.join(' '), items: what.length });
}

export async function accessLogOf(db: Db, learnerId: string) {
	return db
		.select({ viewerName: accessLog.viewerName, what: accessLog.what, at: accessLog.at })
		.from(accessLog)
		.where(eq(accessLog.learnerId, learnerId))
		.orderBy(desc(accessLog.at))
		.limit(500);
}
