import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { calibratedNow, isCalibrated } from '$lib/server/rating/calibration';
import { ratingSchema, scoresOf } from '$lib/server/rating/forms';
import { momentOf, rubricSkills } from '$lib/server/rating/present';
import { COMMENT_MAX, responseForRater, submitRating } from '$lib/server/rating/ratings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const database = await db();
	const [response, calibrated] = await Promise.all([
		responseForRater(database, user, Number(params.response)),
		isCalibrated(database, user.id, course.practice.calibration)
	]);
	if (!response) notFound('drill response to rate');
	return { response: { ...response, drill: momentOf(response.drillId, locale()) }, skills: rubricSkills(locale()), calibrated, max: COMMENT_MAX };
};

export const actions: Actions = {
	rate: async ({ params, request }) => {
		const user = requireUser();
		const form = await readForm(request);
		const parsed = parseForm(ratingSchema, form);
		if (!parsed.ok) {
			const message = Object.values(parsed.errors)[0] ?? 'error_bad_request';
			return fail(400, { message, posted: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) });
		}
		// Whether the rater is calibrated is read by the rating's own insert: one statement fewer.
		const calibrated = calibratedNow(user.id, course.practice.calibration);
		const saved = await submitRating(await db(), user, Number(params.response), { scores: scoresOf(parsed.data), comment: parsed.data.comment, calibrated });
		if (saved === 'refused') notFound('drill response to rate');
		redirect(303, `/beoordelen/${params.response}#beoordeeld`);
	}
};
