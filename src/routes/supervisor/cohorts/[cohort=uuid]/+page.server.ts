import { locale } from '$lib/locale';
import { course, findTarget, targetKey } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { ownCohort } from '$lib/server/guards';
import { createInvite, invitesOf, revokeInvite } from '$lib/server/supervision/cohorts';
import { createAssignment } from '$lib/server/supervision/assignments';
import { assignProblems, assignSchema, revokeInviteSchema } from '$lib/server/supervision/forms';
import { endOfDay, todayIn } from '$lib/server/time-zone';
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
		// The earliest due date the form offers: today, in the installation's zone (due at the end of it).
		today: todayIn(new Date()),
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
		targets: course.modules.map((m) => ({
			module: { value: targetKey('module', m.id), title: m.title[locale()] },
			items: m.items
				.filter((i) => i.type === 'vignette' || i.type === 'quiz')
				.map((i) => ({ value: targetKey(i.type, i.id), title: i.title[locale()], type: i.type }))
		}))
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
	},

	assign: async ({ params, request }) => {
		const cohort = await ownCohort(params.cohort);
		const database = await db();
		const form = await readForm(request);
		const values = { target: String(form.get('target') ?? ''), due: String(form.get('due') ?? ''), note: String(form.get('note') ?? '').slice(0, 2000) };
		const parsed = parseForm(assignSchema, form, ['learners']);
		if (!parsed.ok) return fail(400, { assign: { ...values, errors: parsed.errors } });
		const dueAt = endOfDay(parsed.data.due);
		if (!dueAt) return fail(400, { assign: { ...values, errors: { due: 'error_assign_due' } } });
		const [targetType, targetId] = parsed.data.target.split(':') as ['module' | 'vignette' | 'quiz', string];
		const learnerIds = parsed.data.who === 'all' ? ('all' as const) : parsed.data.learners;
		const result = await createAssignment(database, course, { cohortId: cohort.id, targetType, targetId, dueAt, note: parsed.data.note, learnerIds });
		if (!result.ok) {
			const { field, message } = assignProblems[result.error];
			return fail(400, { assign: { ...values, errors: { [field]: message } } });
		}
		return { assigned: result.id };
	}
};
