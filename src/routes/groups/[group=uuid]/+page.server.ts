import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, formValues, parseForm, readForm } from '$lib/server/forms';
import { caseAtHand, caseChoices, pickCase } from '$lib/server/groups/case';
import { caseProblems, caseSchema, memberSchema, revokeInviteSchema, showNameSchema } from '$lib/server/groups/forms';
import { MAX_MEMBERS, MIN_MEMBERS, handOver, leaveGroup, membersOfGroup, setShowName } from '$lib/server/groups/groups';
import { createGroupInvite, groupInvitesOf, revokeGroupInvite } from '$lib/server/groups/invites';
import { groupForMember, requireUser } from '$lib/server/guards';
import { isFacilitator, notFound } from '$lib/server/policy';
import { sharedResponses } from '$lib/server/practice/shared';
import { sharedView } from '$lib/server/practice/present';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, params }) => {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	const facilitator = isFacilitator(group, user);
	const [members, invites, practice] = await Promise.all([
		membersOfGroup(database, group.id),
		facilitator ? groupInvitesOf(database, group.id) : [],
		sharedResponses(database, user, { groupId: group.id })
	]);
	return {
		group: { id: group.id, name: group.name, meetingAt: group.meetingAt?.toISOString() ?? null },
		facilitator,
		members: members.map((m) => ({ id: m.id, displayName: m.displayName, facilitator: m.id === group.facilitatorId, me: m.id === user.id })),
		showName: members.find((m) => m.id === user.id)?.showName ?? false,
		limits: { min: MIN_MEMBERS, max: MAX_MEMBERS },
		case: caseAtHand(course, group, locale()),
		choices: facilitator ? caseChoices(course, locale()) : [],
		invites: invites.map((i) => ({ id: i.id, expiresAt: i.expiresAt.toISOString() })),
		notice: url.searchParams.get('created') ? 'created' : url.searchParams.get('joined') ? 'joined' : null,
		/** Practice responses members shared with the group (issue 15); each read is logged. */
		practice: sharedView(practice, locale())
	};
};

/** The group, if this member facilitates it; anything else looks like "not found". */
async function facilitated(groupId: string) {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(groupId);
	if (!isFacilitator(group, user)) notFound();
	return { user, database, group };
}

export const actions: Actions = {
	invite: async ({ url, params }) => {
		const { database, group } = await facilitated(params.group);
		const { code, expiresAt } = await createGroupInvite(database, group.id);
		return { invite: { url: `${url.origin}/groups/join/${code}`, expiresAt: expiresAt.toISOString() } };
	},

	revoke: async ({ params, request }) => {
		const { database, group } = await facilitated(params.group);
		const parsed = parseForm(revokeInviteSchema, await readForm(request));
		if (!parsed.ok || !(await revokeGroupInvite(database, group.id, parsed.data.invite))) return fail(404, { message: 'error_invite_unknown' });
		return { revoked: true };
	},

	case: async ({ params, request }) => {
		const { database, group } = await facilitated(params.group);
		const form = await readForm(request);
		const values = { target: String(form.get('target') ?? '').slice(0, 100), meeting: String(form.get('meeting') ?? '').slice(0, 20) };
		const parsed = parseForm(caseSchema, form);
		if (!parsed.ok) return fail(400, { case: { ...values, errors: parsed.errors } });
		const members = (await membersOfGroup(database, group.id)).length;
		const result = await pickCase(database, course, group, { target: parsed.data.target, meetingDate: parsed.data.meeting, members });
		if (!result.ok) {
			const { field, message } = caseProblems[result.error];
			return fail(400, { case: { ...values, errors: { [field]: message } } });
		}
		return { casePicked: true };
	},

	handOver: async ({ params, request }) => {
		const { user, database, group } = await facilitated(params.group);
		const parsed = parseForm(memberSchema, await readForm(request));
		if (!parsed.ok || !(await handOver(database, group, user.id, parsed.data.member))) return fail(400, { message: 'error_group_hand_over' });
		return { handedOver: true };
	},

	showName: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const { showName } = showNameSchema.parse(formValues(await readForm(request)));
		await setShowName(database, group.id, user.id, showName);
		return { showNameSaved: true };
	},

	leave: async ({ params }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const result = await leaveGroup(database, group, user.id);
		if (!result.ok) return fail(409, { message: 'error_group_hand_over_first' });
		redirect(303, `/groups?left=${result.groupDeleted ? 'deleted' : '1'}`);
	}
};
