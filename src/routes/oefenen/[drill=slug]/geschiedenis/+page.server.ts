import { locale } from '$lib/locale';
import { findDrill } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { skillsOf } from '$lib/server/practice/present';
import { historyOf } from '$lib/server/practice/responses';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { replySchema } from '$lib/server/rating/forms';
import { rubricSkills } from '$lib/server/rating/present';
import { REPLY_MAX, ratingsOfOwn, replyToRating } from '$lib/server/rating/ratings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const drill = findDrill(params.drill);
	if (!drill || drill.pool !== 'practice') notFound('drill');
	const database = await db();
	const [rows, ratings] = await Promise.all([historyOf(database, user.id, drill.id), ratingsOfOwn(database, user.id, drill.id)]);
	return {
		// Ratings by others (issue 16), beside the learner's own scores; the learner may reply once to each.
		ratings: ratings.map((r) => ({ ...r, ratedAt: r.ratedAt.toISOString() })),
		rubric: rubricSkills(locale()).map((s) => ({ id: s.id, name: s.name })),
		replyMax: REPLY_MAX,
		drill: { id: drill.id, title: drill.title[locale()] },
		skills: skillsOf(drill, locale()).map((s) => ({ id: s.id, name: s.name })),
		responses: rows.map((r) => ({
			id: r.id,
			submittedAt: r.submittedAt.toISOString(),
			seconds: r.seconds,
			bodyNote: r.bodyNote,
			body: r.body,
			ratings: r.ratings,
			difficulty: r.difficulty
		}))
	};
};

export const actions: Actions = {
	reply: async ({ params, request }) => {
		const user = requireUser();
		const drill = findDrill(params.drill);
		if (!drill || drill.pool !== 'practice') notFound('drill');
		const form = await readForm(request);
		const parsed = parseForm(replySchema, form);
		if (!parsed.ok)
			return fail(400, {
				message: parsed.errors.reply ?? 'error_bad_request',
				rating: String(form.get('rating') ?? ''),
				reply: String(form.get('reply') ?? '')
			});
		if (!(await replyToRating(await db(), user.id, parsed.data.rating, parsed.data.reply))) notFound('rating');
		return { replied: parsed.data.rating };
	}
};
