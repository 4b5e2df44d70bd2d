import { z } from 'zod';

export const groupNameSchema = z.object({ name: z.string({ error: 'error_group_name' }).trim().min(1, 'error_group_name').max(80, 'error_group_name') });

export const caseSchema = z.object({
	target: z.string({ error: 'error_group_case' }).regex(/^(vignette|quiz):[a-z0-9-]{1,80}$/, 'error_group_case'),
	meeting: z.string({ error: 'error_group_meeting_date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'error_group_meeting_date')
});

export const memberSchema = z.object({ member: z.string({ error: 'error_group_hand_over' }).uuid('error_group_hand_over') });
