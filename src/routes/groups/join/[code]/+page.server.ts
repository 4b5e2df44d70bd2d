import { redirect } from '@sveltejs/kit';
import { fail } from '$lib/server/forms';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { isMember, joinGroup, MAX_MEMBERS } from '$lib/server/groups/groups';
import { lookupGroupInvite } from '$lib/server/groups/invites';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const database = await db();
	const found = await lookupGroupInvite(database, params.code, getClientAddress());
	const already = found.ok && locals.user ? await isMember(database, found.group.id, locals.user.id) : false;
	return {
		invite: found.ok
			? { groupId: found.group.id, name: found.group.name, facilitatorName: found.group.facilitatorName, full: found.group.members >= MAX_MEMBERS, already }
			: null,
		reason: found.ok ? null : found.reason,
		loggedIn: locals.user !== null,
		max: MAX_MEMBERS,
		here: `/groups/join/${params.code}`
	};
};

export const actions: Actions = {
	default: async ({ params, getClientAddress, url }) => {
		// Back to the invite page itself after logging in.
		const user = requireUser(url.pathname);
		const database = await db();
		const found = await lookupGroupInvite(database, params.code, getClientAddress());
		if (!found.ok)
			return fail(found.reason === 'throttled' ? 429 : 404, {
				message: found.reason === 'throttled' ? 'error_invite_throttled' : 'error_group_invite_invalid'
			});
		const joined = await joinGroup(database, found.group.id, user.id);
		if (!joined.ok)
			return fail(joined.reason === 'full' ? 409 : 404, {
				message: joined.reason === 'full' ? 'error_group_full' : 'error_group_invite_invalid',
				max: MAX_MEMBERS
			});
		redirect(303, `/groups/${found.group.id}${joined.already ? '' : '?joined=1'}`);
	}
};
