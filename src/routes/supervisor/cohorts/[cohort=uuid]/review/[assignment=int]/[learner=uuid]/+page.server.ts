import { fail } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { logAccess } from '$lib/server/audit';
import { parseForm, readForm } from '$lib/server/forms';
import { requireSupervisor, submissionForSupervisor } from '$lib/server/policy';
import { reviewSubmission } from '$lib/server/supervision/assignments';
import { feedbackSchema } from '$lib/server/supervision/forms';
import { findTarget } from '$lib/server/content';
import { getLocale } from '$lib/paraglide/runtime';
import { users } from '$lib/server/db/schema';
import { eq } from 'drizzle-orm';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const supervisor = requireSupervisor(locals, url);
	const database = await db();
	const { assignment, work, cohort } = await submissionForSupervisor(database, supervisor, Number(params.assignment), params.learner);
	const [learner] = await database.select({ displayName: users.displayName }).from(users).where(eq(users.id, params.learner));
	if (work.submittedAt) await logAccess(database, supervisor, params.learner, [`submission:${assignment.id}`]);
	const locale = getLocale() === 'en' ? 'en' : 'nl';
	const title = findTarget(assignment.targetType, assignment.targetId)?.title[locale] ?? assignment.targetId;
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
	feedback: async ({ locals, url, params, request }) => {
		const supervisor = requireSupervisor(locals, url);
		const database = await db();
		await submissionForSupervisor(database, supervisor, Number(params.assignment), params.learner);
		const form = await readForm(request);
		const parsed = parseForm(feedbackSchema, form);
		if (!parsed.ok) return fail(400, { feedback: String(form.get('feedback') ?? '').slice(0, 5000), errors: parsed.errors });
		if (!(await reviewSubmission(database, Number(params.assignment), params.learner, parsed.data.feedback))) {
			return fail(409, { feedback: parsed.data.feedback, errors: { feedback: 'error_feedback_not_submitted' } });
		}
		return { saved: true };
	}
};
