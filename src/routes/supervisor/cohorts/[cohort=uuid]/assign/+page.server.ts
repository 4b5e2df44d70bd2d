import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course, targetKey } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { ownCohort } from '$lib/server/guards';
import { membersOf } from '$lib/server/supervision/cohorts';
import { createAssignment } from '$lib/server/supervision/assignments';
import { assignProblems, assignSchema } from '$lib/server/supervision/forms';
import { endOfDay, todayIn } from '$lib/server/time-zone';
import type { Actions, PageServerLoad } from './$types';

/**
 * A new assignment, on its own page: its list of every trainee to tick was a tenth of the cohort page for 200
 * trainees, and most visits to that page are to read, not to assign.
 */
export const load: PageServerLoad = async ({ params }) => {
	const cohort = await ownCohort(params.cohort);
	return {
		cohort: { id: cohort.id, name: cohort.name },
		members: await membersOf(await db(), cohort.id, locale()),
		// The earliest due date the form offers: today, in the installation's zone (due at the end of it).
		today: todayIn(new Date()),
		targets: course.modules.map((m) => ({
			module: { value: targetKey('module', m.id), title: m.title[locale()] },
			items: m.items
				.filter((i) => i.type === 'vignette' || i.type === 'quiz')
				.map((i) => ({ value: targetKey(i.type, i.id), title: i.title[locale()], type: i.type }))
		}))
	};
};

export const actions: Actions = {
	default: async ({ params, request }) => {
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
		// Back to the cohort, which says it is done and lists the new assignment.
		redirect(303, `/supervisor/cohorts/${cohort.id}?assigned=${result.id}#assignments-heading`);
	}
};
