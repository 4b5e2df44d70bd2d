import { locale } from '$lib/locale';
import { findDrill } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { skillsOf } from '$lib/server/practice/present';
import { historyOf } from '$lib/server/practice/responses';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const drill = findDrill(params.drill);
	if (!drill || drill.pool !== 'practice') notFound('drill');
	const rows = await historyOf(await db(), user.id, drill.id);
	return {
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
