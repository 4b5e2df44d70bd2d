/**
 * The discussion thread of a group about its current case: posts with one level of replies,
 * plain text only. Authors edit and remove their own posts; a removed post keeps its place
 * (so replies still make sense) but loses its text. Callers pass a group they got from
 * `groupForMember`, so membership is settled before anything here runs.
 */
import { and, asc, eq, exists, isNull, ne, not, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { SessionUser } from '../auth/session';
import type { Db } from '../db';
import { groupPosts, users, type Group } from '../db/schema';
import { threadCase } from './case';
import { announcePost } from './live';

export const POST_MAX = 5000;

export type PostError = 'empty' | 'too-long' | 'not-found' | 'no-reply-here';
export type PostResult = { ok: true; id: number } | { ok: false; error: PostError };

export type ThreadPost = {
	id: number;
	authorName: string | null;
	mine: boolean;
	body: string;
	removed: boolean;
	createdAt: string;
	editedAt: string | null;
	replies: ThreadPost[];
};

/** Browsers send line breaks as CRLF; count them as one character, as the textarea shows them. */
export function cleanBody(raw: unknown): { ok: true; body: string } | { ok: false; error: 'empty' | 'too-long' } {
	const body = typeof raw === 'string' ? raw.replace(/\r\n?/g, '\n').replace(/^\s*\n|\s+$/g, '') : '';
	if (body.length === 0) return { ok: false, error: 'empty' };
	if (body.length > POST_MAX) return { ok: false, error: 'too-long' };
	return { ok: true, body };
}

export async function thread(db: Db, group: Group, viewer: SessionUser): Promise<ThreadPost[]> {
	const rows = await db
		.select({ post: groupPosts, authorName: users.displayName })
		.from(groupPosts)
		.leftJoin(users, eq(users.id, groupPosts.authorId))
		.where(and(eq(groupPosts.groupId, group.id), eq(groupPosts.caseId, threadCase(group))))
		.orderBy(asc(groupPosts.createdAt), asc(groupPosts.id));
	const byId = new Map<number, ThreadPost>();
	const top: ThreadPost[] = [];
	for (const { post, authorName } of rows) {
		const removed = post.deletedAt !== null;
		const shown: ThreadPost = {
			id: post.id,
			authorName,
			mine: post.authorId === viewer.id && !removed,
			body: removed ? '' : post.body,
			removed,
			createdAt: post.createdAt.toISOString(),
			editedAt: post.editedAt?.toISOString() ?? null,
			replies: []
		};
		byId.set(post.id, shown);
		const parent = post.parentId === null ? undefined : byId.get(post.parentId);
		if (parent) parent.replies.push(shown);
		else top.push(shown);
	}
	return top;
}

export async function createPost(db: Db, group: Group, author: SessionUser, input: { body: unknown; parentId?: number | null }): Promise<PostResult> {
	const clean = cleanBody(input.body);
	if (!clean.ok) return clean;
	const caseId = threadCase(group);
	const parentId = input.parentId ?? null;
	if (parentId !== null) {
		// One level of replies: only to a visible top-level post of this thread.
		const [parent] = await db
			.select({ id: groupPosts.id })
			.from(groupPosts)
			.where(
				and(
					eq(groupPosts.id, parentId),
					eq(groupPosts.groupId, group.id),
					eq(groupPosts.caseId, caseId),
					isNull(groupPosts.parentId),
					isNull(groupPosts.deletedAt)
				)
			);
		if (!parent) return { ok: false, error: 'no-reply-here' };
	}
	const [row] = await db
		.insert(groupPosts)
		.values({ groupId: group.id, caseId, authorId: author.id, parentId, body: clean.body })
		.returning({ id: groupPosts.id });
	if (!row) throw new Error('insert returned no post');
	await announcePost(db, { postId: row.id, groupId: group.id, caseId });
	return { ok: true, id: row.id };
}

/**
 * Before an account is erased with its posts: a post that others replied to stays in its place, removed
 * as its author could have removed it (no text; the name goes with the account), so that the replies keep
 * their context. The author's other posts, replies included, are deleted. The foreign key on parent_id
 * refuses to delete a post that still has replies, so nothing here can leave a reply pointing at nothing.
 */
export async function removePostsOf(tx: Pick<Db, 'update' | 'delete' | 'select'>, authorId: string): Promise<void> {
	const replies = alias(groupPosts, 'replies');
	const othersReplied = exists(
		tx
			.select({ one: sql`1` })
			.from(replies)
			.where(and(eq(replies.parentId, groupPosts.id), or(isNull(replies.authorId), ne(replies.authorId, authorId))))
	);
	await tx
		.update(groupPosts)
		.set({ body: '', deletedAt: sql`coalesce(${groupPosts.deletedAt}, now())` })
		.where(and(eq(groupPosts.authorId, authorId), othersReplied));
	await tx.delete(groupPosts).where(and(eq(groupPosts.authorId, authorId), not(othersReplied)));
}

/** The author's own, not yet removed post in this group. */
const ownPost = (group: Group, author: SessionUser, postId: number) =>
	and(eq(groupPosts.id, postId), eq(groupPosts.groupId, group.id), eq(groupPosts.authorId, author.id), isNull(groupPosts.deletedAt));

export async function editPost(db: Db, group: Group, author: SessionUser, postId: number, rawBody: unknown): Promise<PostResult> {
	const clean = cleanBody(rawBody);
	if (!clean.ok) return clean;
	const [row] = await db
		.update(groupPosts)
		.set({ body: clean.body, editedAt: new Date() })
		.where(ownPost(group, author, postId))
		.returning({ id: groupPosts.id, caseId: groupPosts.caseId });
	if (!row) return { ok: false, error: 'not-found' };
	await announcePost(db, { postId: row.id, groupId: group.id, caseId: row.caseId });
	return { ok: true, id: row.id };
}

/** Removes the text for good; the post's place in the thread stays, marked as removed. */
export async function removePost(db: Db, group: Group, author: SessionUser, postId: number): Promise<PostResult> {
	const [row] = await db
		.update(groupPosts)
		.set({ body: '', deletedAt: new Date() })
		.where(ownPost(group, author, postId))
		.returning({ id: groupPosts.id, caseId: groupPosts.caseId });
	if (!row) return { ok: false, error: 'not-found' };
	await announcePost(db, { postId: row.id, groupId: group.id, caseId: row.caseId });
	return { ok: true, id: row.id };
}
