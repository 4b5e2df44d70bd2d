/**
 * Live discussion updates across app instances: a NOTIFY carries only which post changed in
 * which group and case, never its text; browsers then re-fetch the thread through the normal load.
 */
import type { Database, Db } from '../db';
import { notify, subscribe } from '../db/notify';

export const DISCUSSION_CHANNEL = 'ontroerd_group_posts';

export type DiscussionChange = { postId: number; groupId: string; caseId: string };

export function announcePost(db: Db, change: DiscussionChange): Promise<void> {
	return notify(db, DISCUSSION_CHANNEL, JSON.stringify(change));
}

function parse(payload: string): DiscussionChange | null {
	try {
		const value = JSON.parse(payload) as Partial<DiscussionChange>;
		if (typeof value.postId === 'number' && typeof value.groupId === 'string' && typeof value.caseId === 'string') {
			return { postId: value.postId, groupId: value.groupId, caseId: value.caseId };
		}
	} catch {
		// Not ours: ignore.
	}
	return null;
}

/** Calls onChange for every post change in this group until the returned function is called. */
export function watchDiscussion(database: Database, groupId: string, onChange: (change: DiscussionChange) => void): Promise<() => Promise<void>> {
	return subscribe(database, DISCUSSION_CHANNEL, (payload) => {
		const change = parse(payload);
		if (change?.groupId === groupId) onChange(change);
	});
}
