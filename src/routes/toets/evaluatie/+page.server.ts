import { error, redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { attemptsOf } from '$lib/server/assessment/attempts';
import { COMMENTS_MAX, evaluationOf, evaluationSchema, saveEvaluation } from '$lib/server/assessment/evaluation';
import { fail, formValues, parseForm, readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The evaluation belongs to the learner's latest submitted attempt; without one there is nothing to evaluate yet. */
async function latestSubmitted() {
	const user = requireUser();
	if (!course.test) error(404, 'Not found');
	const database = await db();
	const attempt = (await attemptsOf(database, user.id)).find((a) => a.submittedAt);
	if (!attempt) redirect(303, '/toets');
	return { user, database, attempt };
}

export const load: PageServerLoad = async () => {
	const { user, database, attempt } = await latestSubmitted();
	const saved = await evaluationOf(database, user.id, attempt.id);
	return {
		commentsMax: COMMENTS_MAX,
		saved: saved && {
			relevance: saved.relevance,
			objectivesMet: saved.objectivesMet,
			contentQuality: saved.contentQuality,
			studyLoad: saved.studyLoad,
			// As the learner typed it: a decimal comma in Dutch.
			hoursSpent: locale() === 'nl' ? String(saved.hoursSpent).replace('.', ',') : String(saved.hoursSpent),
			comments: saved.comments
		}
	};
};

export const actions: Actions = {
	default: async ({ request }) => {
		const { user, database, attempt } = await latestSubmitted();
		const form = await readForm(request);
		const parsed = parseForm(evaluationSchema, form);
		// Everything as posted goes back, so a learner loses nothing to one wrong field.
		const values = Object.fromEntries(Object.entries(formValues(form)).map(([k, v]) => [k, typeof v === 'string' ? v : '']));
		if (!parsed.ok) return fail(400, { message: 'error_toets_form', errors: parsed.errors, values });
		await saveEvaluation(database, user.id, attempt.id, parsed.data, course.test?.version ?? course.info.version);
		redirect(303, '/toets?evaluatie=1');
	}
};
