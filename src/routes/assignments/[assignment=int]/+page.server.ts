import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course, findTarget } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { notFound } from '$lib/server/policy';
import { learnerProgress } from '$lib/server/learning/progress';
import { assignmentForLearner, assignmentsOfLearner, readyToSubmit, replyToFeedback, submitAssignment } from '$lib/server/supervision/assignments';
import { replySchema } from '$lib/server/supervision/forms';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const database = await db();
	const id = Number(params.assignment);
	const [assigned, progress] = await Promise.all([assignmentsOfLearner(database, course, user.id), learnerProgress(database, user.id)]);
	const row = assigned.find((a) => a.assignment.id === id);
	if (!row) notFound();
	const { assignment, work } = row;
	const target = findTarget(assignment.targetType, assignment.targetId);
	const items = target?.items ?? [];
	const completed = new Set(progress.filter((p) => p.status === 'completed').map((p) => p.itemId));
	return {
		id,
		title: target?.title[locale()] ?? '',
		cohortName: row.cohortName,
		supervisorName: row.supervisorName,
		note: assignment.note,
		dueAt: assignment.dueAt.toISOString(),
		status: row.status,
		items: items.map((i) => ({ url: `/modules/${i.moduleId}/${i.id}`, title: i.title[locale()], type: i.type, done: completed.has(i.id) })),
		ready: !work.submittedAt && readyToSubmit(course, progress, assignment.targetType, assignment.targetId),
		submittedAt: work.submittedAt?.toISOString() ?? null,
		feedback: work.feedback,
		reply: work.reply
	};
};

export const actions: Actions = {
	submit: async ({ params }) => {
		const user = requireUser();
		const database = await db();
		const id = Number(params.assignment);
		const row = await assignmentForLearner(database, id, user.id);
		if (!row) notFound();
		if (row.work.submittedAt) return fail(409, { message: 'error_already_submitted' });
		if (!(await submitAssignment(database, course, id, user.id, locale()))) return fail(409, { message: 'error_already_submitted' });
		redirect(303, `/assignments/${id}?submitted=1`);
	},
	reply: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const id = Number(params.assignment);
		const row = await assignmentForLearner(database, id, user.id);
		if (!row) notFound();
		const form = await readForm(request);
		const parsed = parseForm(replySchema, form);
		if (!parsed.ok) return fail(400, { reply: String(form.get('reply') ?? '').slice(0, 5000), message: parsed.errors.reply ?? 'error_reply' });
		if (!(await replyToFeedback(database, id, user.id, parsed.data.reply))) return fail(409, { reply: parsed.data.reply, message: 'error_reply_once' });
		redirect(303, `/assignments/${id}`);
	}
};
