/**
 * Erasing an account. Every table that refers to a user cascades on delete (the access log keeps
 * other learners' records, with the viewer's id set to null), so removing the user row removes
 * everything of theirs in one transaction. Sessions and throttle rows keyed by the address are ended explicitly,
 * so no open tab keeps working and no row still names the e-mail address. Posts in group
 * discussions are the learner's choice: removed, or kept without a name (the author's id is set
 * null) so that the thread still makes sense to the others. A removed post that others replied to
 * keeps its place without text, as in the discussion itself. Groups they facilitated get a new facilitator.
 */
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { authTokens, rateLimits, sessions, users } from '../db/schema';
import { removePostsOf } from '../groups/discussion';
import { leaveAllGroups } from '../groups/groups';
import type { SessionUser } from '../auth/session';
import { normaliseEmail } from '../auth/accounts';
import { logEvent } from '../log';

export type PostsChoice = 'remove' | 'keep';

export async function deleteAccount(db: Db, user: Pick<SessionUser, 'id' | 'email'>, posts: PostsChoice = 'remove'): Promise<void> {
	await db.transaction(async (tx) => {
		if (posts === 'remove') await removePostsOf(tx, user.id);
		await leaveAllGroups(tx, user.id);
		await tx.delete(sessions).where(eq(sessions.userId, user.id));
		// Every throttle row keyed by the address (the login back-off, the reset-mail limit, …): `<kind>:<address>`.
		const address = normaliseEmail(user.email);
		await tx.delete(rateLimits).where(sql`right(${rateLimits.key}, ${address.length + 1}) = ${`:${address}`}`);
		// Links for this address without an account id (a pending registration) go too.
		await tx.delete(authTokens).where(eq(authTokens.email, normaliseEmail(user.email)));
		await tx.delete(users).where(eq(users.id, user.id));
	});
	logEvent('account.deleted', { userId: user.id, posts });
}
