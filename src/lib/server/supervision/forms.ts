import { z } from 'zod';

export const cohortNameSchema = z.object({ name: z.string({ error: 'error_cohort_name' }).trim().min(1, 'error_cohort_name').max(80, 'error_cohort_name') });

/** "module:<id>", "vignette:<id>" or "quiz:<id>". */
const target = z.string({ error: 'error_assign_target' }).regex(/^(module|vignette|quiz):[a-z0-9-]{1,80}$/, 'error_assign_target');

export const assignSchema = z.object({
	target,
	due: z.string({ error: 'error_assign_due' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'error_assign_due'),
	note: z.string().max(2000, 'error_assign_note').default(''),
	who: z.enum(['all', 'some'], { error: 'error_assign_who' })
});

export const feedbackSchema = z.object({ feedback: z.string({ error: 'error_feedback' }).trim().min(1, 'error_feedback').max(5000, 'error_feedback') });
export const replySchema = z.object({ reply: z.string({ error: 'error_reply' }).trim().min(1, 'error_reply').max(5000, 'error_reply') });
