import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/policy';
import { learnerProgress, summarise } from '$lib/server/learning/progress';
import { fail } from '@sveltejs/kit';
import { readForm } from '$lib/server/forms';
import { assignmentsOfLearner } from '$lib/server/supervision/assignments';
import { cohortsOfLearner, leaveCohort } from '$lib/server/supervision/cohorts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const locale = getLocale() as Locale;
	const database = await db();
	const [rows, assigned, cohorts] = await Promise.all([learnerProgress(database, user.id), assignmentsOfLearner(database, course, user.id), cohortsOfLearner(database, user.id)]);
	const { modules, resume } = summarise(course, rows);
	const titleOf = (type: string, id: string) => (type === 'module' ? course.modules.find((m) => m.id === id)?.title[locale] : course.items.get(id)?.title[locale]) ?? id;
	const resumeItem = resume ? course.items.get(resume.itemId) : undefined;
	return {
		name: user.displayName,
		cohorts,
		assignments: assigned.map((a) => ({
			id: a.assignment.id,
			title: titleOf(a.assignment.targetType, a.assignment.targetId),
			dueAt: a.assignment.dueAt.toISOString(),
			status: a.status,
			supervisorName: a.supervisorName,
			hasFeedback: a.work.feedback !== null,
			replied: a.work.reply !== null
		})),
		resume: resume && resumeItem ? { url: `/modules/${resume.moduleId}/${resume.itemId}`, title: resumeItem.title[locale] } : null,
		modules: course.modules.map((m, i) => ({
			id: m.id,
			order: m.order,
			title: m.title[locale],
			summary: m.summary[locale],
			minutes: m.minutes,
			done: modules[i]?.done ?? 0,
			total: modules[i]?.total ?? m.items.length,
			resumeUrl: `/modules/${m.id}/${modules[i]?.resumeItemId ?? m.items[0]?.id}`
		}))
	};
};

export const actions: Actions = {
	leave: async ({ locals, url, request }) => {
		const user = requireUser(locals, url);
		const cohortId = String((await readForm(request)).get('cohort') ?? '');
		if (!(await leaveCohort(await db(), cohortId, user.id))) return fail(404, { message: 'error_cohort_unknown' });
		return { left: true };
	}
};
