import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { db } from '$lib/server/db';
import { readForm } from '$lib/server/forms';
import { caseAtHand } from '$lib/server/groups/case';
import { createPost, editPost, removePost, thread, type PostError } from '$lib/server/groups/discussion';
import { groupForMember, requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

const messages: Record<PostError, string> = {
	empty: 'error_post_empty',
	'too-long': 'error_post_too_long',
	'not-found': 'error_post_not_found',
	'no-reply-here': 'error_post_no_reply'
};

const postId = (value: FormDataEntryValue | null) => (typeof value === 'string' && /^\d{1,9}$/.test(value) ? Number(value) : null);
/** The text as typed, with the browser's CRLF line breaks as the textarea counts them. */
const text = (value: FormDataEntryValue | null) => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '');

export const load: PageServerLoad = async ({ url, params }) => {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	return {
		group: { id: group.id, name: group.name },
		caseAtHand: caseAtHand(course, group, getLocale() as Locale),
		posts: await thread(database, group, user),
		editing: postId(url.searchParams.get('edit'))
	};
};

/** Every action answers a bad post with the text as typed, so nothing is lost. */
export const actions: Actions = {
	post: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const form = await readForm(request);
		const parentId = postId(form.get('parentId'));
		const body = text(form.get('body'));
		const result = await createPost(database, group, user, { body, parentId });
		if (!result.ok) return fail(400, { action: 'post', parentId, body, message: messages[result.error], length: body.length });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	},
	edit: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const form = await readForm(request);
		const id = postId(form.get('postId'));
		const body = text(form.get('body'));
		const result = id === null ? ({ ok: false, error: 'not-found' } as const) : await editPost(database, group, user, id, body);
		if (!result.ok) return fail(result.error === 'not-found' ? 404 : 400, { action: 'edit', postId: id, body, message: messages[result.error], length: body.length });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	},
	remove: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const id = postId((await readForm(request)).get('postId'));
		const result = id === null ? ({ ok: false, error: 'not-found' } as const) : await removePost(database, group, user, id);
		if (!result.ok) return fail(404, { action: 'remove', postId: id, body: '', message: messages[result.error], length: 0 });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	}
};
