/**
 * Erasing an account. Every table that refers to a user cascades on delete (the access log keeps
 * other learners' records, with the viewer's id set to null), so removing the user row removes
 * everything of theirs in one transaction. Sessions and the login back-off are ended explicitly,
 * so no open tab keeps working and no row still names the e-mail address.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../db';
import { rateLimits, sessions, users } from '../db/schema';
import type { SessionUser } from '../auth/session';
import { accountThrottleKey } from '../auth/accounts';

export async function deleteAccount(db: Db, user: Pick<SessionUser, 'id' | 'email'>): Promise<void> {
	await db.transaction(async (tx) => {
		await tx.delete(sessions).where(eq(sessions.userId, user.id));
		await tx.delete(rateLimits).where(eq(rateLimits.key, accountThrottleKey(user.email)));
		await tx.delete(users).where(eq(users.id, user.id));
	});
}
