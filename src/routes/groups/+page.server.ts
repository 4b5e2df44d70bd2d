import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { createGroup, groupsOf } from '$lib/server/groups/groups';
import { groupNameSchema } from '$lib/server/groups/forms';
import { requireUser } from '$lib/server/guards';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const groups = await groupsOf(await db(), user.id);
	return { groups: groups.map((g) => ({ ...g, meetingAt: g.meetingAt?.toISOString() ?? null })), left: url.searchParams.get('left') };
};

export const actions: Actions = {
	create: async ({ request }) => {
		const user = requireUser();
		const form = await readForm(request);
		const parsed = parseForm(groupNameSchema, form);
		if (!parsed.ok) return fail(400, { name: String(form.get('name') ?? '').slice(0, 200), errors: parsed.errors });
		const group = await createGroup(await db(), user.id, parsed.data.name);
		redirect(303, `/groups/${group.id}?created=1`);
	}
};
