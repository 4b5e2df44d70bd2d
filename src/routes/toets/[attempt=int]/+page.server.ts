import { error, redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { attemptsOf, saveAnswers, submitAttempt } from '$lib/server/assessment/attempts';
import { afterTest } from '$lib/server/lti/after-progress';
import { evaluationOf } from '$lib/server/assessment/evaluation';
import { presentAttempt, presentResult } from '$lib/server/assessment/results';
import { answersFrom, refusals } from '$lib/server/assessment/forms';
import { readForm } from '$lib/server/forms';
import type { Actions, PageServerLoad } from './$types';

/** The signed-in learner's attempt by its number (1, 2, …); anyone else's does not exist. */
async function locate(number: string) {
	const user = requireUser();
	const test = course.test;
	if (!test) error(404, 'Not found');
	const database = await db();
	const attempt = (await attemptsOf(database, user.id)).find((a) => a.attempt === Number(number));
	if (!attempt) error(404, 'Not found');
	return { user, test, database, attempt };
}

export const load: PageServerLoad = async ({ params }) => {
	const { user, test, database, attempt } = await locate(params.attempt);
	const common = { title: test.title[locale()], number: attempt.attempt };
	if (!attempt.submittedAt) return { ...common, open: presentAttempt(test, attempt, locale()), result: null, evaluated: false };
	return {
		...common,
		open: null,
		result: presentResult(test, course.modules, attempt, locale()),
		evaluated: (await evaluationOf(database, user.id, attempt.id)) !== null
	};
};

export const actions: Actions = {
	save: async ({ params, request }) => {
		const { user, database, attempt } = await locate(params.attempt);
		const answers = answersFrom(
			await readForm(request),
			attempt.items.map((i) => i.itemId)
		);
		const saved = await saveAnswers(database, user.id, attempt.id, answers);
		if (!saved.ok) return refusals[saved.reason]();
		return { saved: true };
	},

	submit: async ({ params, request }) => {
		const { user, test, database, attempt } = await locate(params.attempt);
		const answers = answersFrom(
			await readForm(request),
			attempt.items.map((i) => i.itemId)
		);
		const saved = await saveAnswers(database, user.id, attempt.id, answers);
		if (!saved.ok && saved.reason !== 'submitted') return refusals[saved.reason]();
		const submitted = await submitAttempt(database, test, user.id, attempt.id);
		if (submitted && submitted.correct !== null) afterTest(user.id, submitted.correct, submitted.items.length);
		redirect(303, `/toets/${attempt.attempt}#uitslag`);
	}
};
