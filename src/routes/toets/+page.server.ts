import { error, redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { attemptsOf, startAttempt, TEST_PASS_MARK } from '$lib/server/assessment/attempts';
import { evaluationOf } from '$lib/server/assessment/evaluation';
import type { Actions, PageServerLoad } from './$types';

function theTest() {
	if (!course.test) error(404, 'Not found');
	return course.test;
}

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const test = theTest();
	const database = await db();
	const attempts = await attemptsOf(database, user.id);
	const latest = attempts.find((a) => a.submittedAt);
	return {
		title: test.title[locale()],
		introHtml: test.introHtml[locale()],
		length: test.length,
		perModule: test.perModule,
		passMark: TEST_PASS_MARK,
		open: attempts.find((a) => !a.submittedAt)?.attempt ?? null,
		attempts: attempts.map((a) => ({
			attempt: a.attempt,
			startedAt: a.startedAt.toISOString(),
			submittedAt: a.submittedAt?.toISOString() ?? null,
			correct: a.correct,
			total: a.total,
			score: a.score,
			passed: a.passed
		})),
		evaluated: latest ? (await evaluationOf(database, user.id, latest.id)) !== null : false,
		canEvaluate: latest !== undefined,
		thanks: url.searchParams.has('evaluatie')
	};
};

export const actions: Actions = {
	start: async () => {
		const user = requireUser();
		const database = await db();
		const attemptId = await startAttempt(database, theTest(), user.id);
		const attempt = (await attemptsOf(database, user.id)).find((a) => a.id === attemptId);
		redirect(303, `/toets/${attempt?.attempt ?? ''}`);
	}
};
