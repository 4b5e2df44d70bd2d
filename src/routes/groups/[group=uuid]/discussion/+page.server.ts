import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, formValues, readForm } from '$lib/server/forms';
import { editSchema, postIdField, postSchema, removeSchema } from '$lib/server/groups/forms';
import { caseAtHand } from '$lib/server/groups/case';
import { createPost, editPost, removePost, thread, type PostError } from '$lib/server/groups/discussion';
import { groupForMember, requireUser } from '$lib/server/guards';
import type { ErrorKey } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

const messages: Record<PostError, ErrorKey> = {
	empty: 'error_post_empty',
	'too-long': 'error_post_too_long',
	'not-found': 'error_post_not_found',
	'no-reply-here': 'error_post_no_reply'
};

export const load: PageServerLoad = async ({ url, params }) => {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	return {
		group: { id: group.id, name: group.name },
		caseAtHand: caseAtHand(course, group, locale()),
		posts: await thread(database, group, user),
		editing: postIdField.parse(url.searchParams.get('edit'))
	};
};

/** Every action answers a bad post with the text as typed, so nothing is lost. */
export const actions: Actions = {
	post: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const { parentId, body } = postSchema.parse(formValues(await readForm(request)));
		const result = await createPost(database, group, user, { body, parentId });
		if (!result.ok) return fail(400, { action: 'post', parentId, body, message: messages[result.error], length: body.length });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	},
	edit: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const { postId: id, body } = editSchema.parse(formValues(await readForm(request)));
		const result = id === null ? ({ ok: false, error: 'not-found' } as const) : await editPost(database, group, user, id, body);
		if (!result.ok)
			return fail(result.error === 'not-found' ? 404 : 400, { action: 'edit', postId: id, body, message: messages[result.error], length: body.length });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	},
	remove: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const { postId: id } = removeSchema.parse(formValues(await readForm(request)));
		const result = id === null ? ({ ok: false, error: 'not-found' } as const) : await removePost(database, group, user, id);
		if (!result.ok) return fail(404, { action: 'remove', postId: id, body: '', message: messages[result.error], length: 0 });
		redirect(303, `/groups/${group.id}/discussion#post-${result.id}`);
	}
};
