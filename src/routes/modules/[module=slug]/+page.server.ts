import { error } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { findModule } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { learnerProgress, summarise } from '$lib/server/learning/progress';
import { pageStudyTimes } from '$lib/server/learning/study-time';
import { course } from '$lib/server/content';
import { openLaunch } from '$lib/server/xapi/cmi5';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const module = findModule(params.module);
	if (!module) error(404, 'Not found');
	const database = await db();
	const [rows, studyTimes, cmi5] = await Promise.all([
		learnerProgress(database, user.id),
		pageStudyTimes(
			database,
			module.items.map((i) => i.id)
		),
		openLaunch(database, user.id, module.id)
	]);
	const status = new Map(rows.map((r) => [r.itemId, r.status]));
	const summary = summarise(course, rows).modules.find((m) => m.moduleId === module.id);
	return {
		module: {
			id: module.id,
			order: module.order,
			title: module.title[locale()],
			summary: module.summary[locale()],
			objectives: module.objectives[locale()].map((text, i) => ({ text, roles: module.objectiveRoles[i] ?? [] })),
			minutes: module.minutes,
			median: studyTimes.total
		},
		items: module.items.map((i) => ({
			id: i.id,
			type: i.type,
			title: i.title[locale()],
			minutes: i.minutes,
			median: studyTimes.items.get(i.id) ?? null,
			status: status.get(i.id) ?? null
		})),
		done: summary?.done ?? 0,
		resumeItemId: summary?.resumeItemId ?? module.items[0]?.id,
		/** Launched from an LMS over cmi5: the form that ends that session. */
		cmi5Launch: cmi5?.id ?? null
	};
};
