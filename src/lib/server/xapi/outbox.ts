/**
 * The outbox: statements are written in the transaction of the event they record and sent later by
 * ./sender.ts. The row's id is the statement's id, a UUID v5 of the event's own key, so an event written
 * twice (a retried request) queues one statement, and a resend can never make a second one at the LRS.
 */
import type { Statement } from '@xapi/xapi';
import type { Db } from '../db';
import { xapiOutbox } from '../db/schema';
import { uuidV5 } from './uuid';

export type Writer = Pick<Db, 'insert'>;

/** Queues `statement` under the id derived from `key`; nothing happens when that key was queued before. Returns the id. */
export async function enqueue(tx: Writer, learnerId: string, key: string, statement: Statement, launchId: string | null = null): Promise<string> {
	const id = uuidV5(key);
	await tx
		.insert(xapiOutbox)
		.values({ id, learnerId, launchId, statement: { id, ...statement } as Record<string, unknown> })
		.onConflictDoNothing();
	return id;
}
