import { z } from 'zod';
import type { ErrorKey } from '$lib/i18n';
import type { CreateResult } from './assignments';

export const cohortNameSchema = z.object({ name: z.string({ error: 'error_cohort_name' }).trim().min(1, 'error_cohort_name').max(80, 'error_cohort_name') });

/** "module:<id>", "vignette:<id>" or "quiz:<id>". */
const target = z.string({ error: 'error_assign_target' }).regex(/^(module|vignette|quiz):[a-z0-9-]{1,80}$/, 'error_assign_target');

export const assignSchema = z.object({
	target,
	due: z.string({ error: 'error_assign_due' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'error_assign_due'),
	note: z.string({ error: 'error_assign_note' }).max(2000, 'error_assign_note').default(''),
	who: z.enum(['all', 'some'], { error: 'error_assign_who' }),
	/** The trainees ticked, when `who` is 'some' (parse with `lists: ['learners']`). */
	learners: z.array(z.string({ error: 'error_assign_unknown_trainee' }), { error: 'error_assign_unknown_trainee' }).default([])
});

/** An invite to revoke; an unknown id is refused as unknown. */
export const revokeInviteSchema = z.object({ invite: z.string({ error: 'error_invite_unknown' }) });

export const feedbackSchema = z.object({ feedback: z.string({ error: 'error_feedback' }).trim().min(1, 'error_feedback').max(5000, 'error_feedback') });
export const replySchema = z.object({ reply: z.string({ error: 'error_reply' }).trim().min(1, 'error_reply').max(5000, 'error_reply') });

/** A cohort a learner leaves, from the dashboard. */
export const leaveSchema = z.object({ cohort: z.string({ error: 'error_cohort_unknown' }) });

/** Why an assignment was refused, and the field that says so. */
export const assignProblems: Record<Extract<CreateResult, { ok: false }>['error'], { field: 'target' | 'due' | 'learners'; message: ErrorKey }> = {
	'unknown-target': { field: 'target', message: 'error_assign_unknown_target' },
	'due-in-past': { field: 'due', message: 'error_assign_due_in_past' },
	'unknown-trainee': { field: 'learners', message: 'error_assign_unknown_trainee' },
	'no-trainees': { field: 'learners', message: 'error_assign_no_trainees' }
};
