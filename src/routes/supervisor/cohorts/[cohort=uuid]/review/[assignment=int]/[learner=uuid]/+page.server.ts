import { db } from '$lib/server/db';
import { logAccess } from '$lib/server/audit';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireSupervisor, submissionForSupervisor } from '$lib/server/guards';
import { reviewSubmission } from '$lib/server/supervision/assignments';
import { feedbackSchema } from '$lib/server/supervision/forms';
import { findTarget } from '$lib/server/content';
import { locale } from '$lib/locale';
import { users } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const supervisor = requireSupervisor();
	const database = await db();
	const { assignment, work, cohort } = await submissionForSupervisor(Number(params.assignment), params.learner);
	const [learner] = await database.select({ displayName: users.displayName }).from(users).where(eq(users.id, params.learner));
	if (work.submittedAt) await logAccess(database, supervisor, params.learner, [`submission:${assignment.id}`]);
	const title = findTarget(assignment.targetType, assignment.targetId)?.title[locale()] ?? assignment.targetId;
	return {
		cohort: { id: cohort.id, name: cohort.name },
		learnerName: learner?.displayName ?? '',
		title,
		dueAt: assignment.dueAt.toISOString(),
		submittedAt: work.submittedAt?.toISOString() ?? null,
		snapshot: work.submittedAt ? work.snapshot : null,
		feedback: work.feedback,
		reviewedAt: work.reviewedAt?.toISOString() ?? null,
		reply: work.reply
	};
};

export const actions: Actions = {
	feedback: async ({ params, request }) => {
		await submissionForSupervisor(Number(params.assignment), params.learner);
		const database = await db();
		const form = await readForm(request);
		const parsed = parseForm(feedbackSchema, form);
		if (!parsed.ok) return fail(400, { feedback: String(form.get('feedback') ?? '').slice(0, 5000), errors: parsed.errors });
		if (!(await reviewSubmission(database, Number(params.assignment), params.learner, parsed.data.feedback))) {
			return fail(409, { feedback: parsed.data.feedback, errors: { feedback: 'error_feedback_not_submitted' } });
		}
		return { saved: true };
	}
};
