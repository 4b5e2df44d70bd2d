import { locale } from '$lib/locale';
import { course, findTarget } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { summarise } from '$lib/server/learning/progress';
import { learnerDashboard } from '$lib/server/learning/dashboard';

import { fail, parseForm, readForm } from '$lib/server/forms';
import { leaveSchema } from '$lib/server/supervision/forms';
import { readyToSubmit, statusOf, touchedBy } from '$lib/server/supervision/assignments';
import { leaveCohort } from '$lib/server/supervision/cohorts';
import { practiceClock } from '$lib/server/practice/request';
import { practiceOf } from '$lib/server/practice/today';
import { dueOf } from '$lib/server/rating/performance';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const { progress: rows, assignments: assigned, cohorts, ...read } = await learnerDashboard(await db(), user.id, practiceClock(cookies));
	const { modules, resume } = summarise(course, rows);
	const now = new Date();
	const resumeItem = resume ? course.items.get(resume.itemId) : undefined;
	const practice = course.practice.drills.length > 0 ? practiceOf(read.practice, course.practice.drills) : null;
	const passed = read.passed;
	// Issue 16: the performance test due now (pre until done, post after every module, retention 8 weeks after post).
	const measurement = course.practice.drills.some((d) => d.pool === 'assessment')
		? dueOf(
				read.tests,
				modules.every((x) => x.done >= x.total),
				now
			)
		: null;
	return {
		measurement,
		name: user.displayName,
		/** Issue 15: the drills due today and the next on the learner's rung (null while there are no drills). */
		practice: practice ? { count: practice.count } : null,
		cohorts,
		assignments: assigned.map((a) => ({
			id: a.id,
			title: findTarget(a.targetType, a.targetId)?.title[locale()] ?? a.targetId,
			dueAt: a.dueAt.toISOString(),
			status: statusOf(a, touchedBy(course, rows, a.targetType, a.targetId), now),
			ready: !a.submittedAt && readyToSubmit(course, rows, a.targetType, a.targetId),
			supervisorName: a.supervisorName,
			hasFeedback: a.hasFeedback,
			replied: a.replied
		})),
		/** The final test is offered always, with a note until every module is done (README, Final test). */
		test: course.test ? { title: course.test.title[locale()], passed } : null,
		resume: resume && resumeItem ? { url: `/modules/${resume.moduleId}/${resume.itemId}`, title: resumeItem.title[locale()] } : null,
		modules: course.modules.map((m, i) => ({
			id: m.id,
			order: m.order,
			title: m.title[locale()],
			summary: m.summary[locale()],
			minutes: m.minutes,
			done: modules[i]?.done ?? 0,
			total: modules[i]?.total ?? m.items.length,
			resumeUrl: `/modules/${m.id}/${modules[i]?.resumeItemId ?? m.items[0]?.id}`
		}))
	};
};

export const actions: Actions = {
	leave: async ({ request }) => {
		const user = requireUser();
		const parsed = parseForm(leaveSchema, await readForm(request));
		if (!parsed.ok || !(await leaveCohort(await db(), parsed.data.cohort, user.id))) return fail(404, { message: 'error_cohort_unknown' });
		return { left: true };
	}
};
