import { locale } from '$lib/locale';
import { course, findTarget } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { ownCohort } from '$lib/server/guards';
import { createInvite, invitesOf, revokeInvite } from '$lib/server/supervision/cohorts';
import { revokeInviteSchema } from '$lib/server/supervision/forms';
import { cohortOverview } from '$lib/server/supervision/overview';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, params }) => {
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const sort = url.searchParams.get('sort') ?? 'name';
	const [overview, invites] = await Promise.all([cohortOverview(database, course, cohort.id, sort, locale()), invitesOf(database, cohort.id)]);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		sort: overview.sort,
		// Only what the page shows, once: this data is serialized into the HTML for hydration, and for 200
		// trainees it was a sixth of the page and of its CPU time. An assignment's trainees and their status
		// are the row's `statuses` (one per assignment, in the order of `assignments`; null where not assigned).
		overview: {
			modules: overview.modules,
			rows: overview.rows.map((r) => ({
				id: r.id,
				displayName: r.displayName,
				perModule: r.perModule,
				statuses: overview.assignments.map((a) => r.statuses[a.assignment.id] ?? null)
			}))
		},
		assignments: overview.assignments.map((a) => ({
			id: a.assignment.id,
			title: findTarget(a.assignment.targetType, a.assignment.targetId)?.title[locale()] ?? a.assignment.targetId,
			type: a.assignment.targetType,
			dueAt: a.assignment.dueAt.toISOString(),
			note: a.assignment.note
		})),
		invites: invites.map((i) => ({ id: i.id, expiresAt: i.expiresAt.toISOString() })),
		// The assign page redirects here with the new assignment's id: the page says it is done.
		assigned: overview.assignments.some((a) => String(a.assignment.id) === url.searchParams.get('assigned'))
	};
};

export const actions: Actions = {
	invite: async ({ url, params }) => {
		const cohort = await ownCohort(params.cohort);
		const database = await db();
		const { code, expiresAt } = await createInvite(database, cohort.id);
		return { invite: { url: `${url.origin}/join/${code}`, code, expiresAt: expiresAt.toISOString() } };
	},

	revoke: async ({ params, request }) => {
		const cohort = await ownCohort(params.cohort);
		const database = await db();
		const parsed = parseForm(revokeInviteSchema, await readForm(request));
		if (!parsed.ok || !(await revokeInvite(database, cohort.id, parsed.data.invite))) return fail(404, { message: 'error_invite_unknown' });
		return { revoked: true };
	}
};
