import { locale } from '$lib/locale';
import { m } from '$lib/paraglide/messages';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { groupResults } from '$lib/server/groups/results';
import { sharedReflections } from '$lib/server/groups/shared-reflections';
import { groupForMember, requireUser } from '$lib/server/guards';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	const results = await groupResults(database, course, group, user.id, locale(), {
		agree: m.group_results_agree(),
		neutral: m.group_results_neutral(),
		disagree: m.group_results_disagree(),
		decision: (n) => m.group_results_decision({ n }),
		question: (n) => m.group_results_question({ n })
	});
	return {
		group: { id: group.id, name: group.name, meetingAt: group.meetingAt?.toISOString() ?? null },
		case: results ? { type: results.item.type, title: results.item.title[locale()], url: `/modules/${results.item.moduleId}/${results.item.id}` } : null,
		questions: results?.questions ?? [],
		reflections: results ? await sharedReflections(database, group, results.item, user, locale()) : []
	};
};
