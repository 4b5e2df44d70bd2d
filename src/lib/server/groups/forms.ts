import { z } from 'zod';
import type { ErrorKey } from '$lib/i18n';
import type { PickError } from './case';

export const groupNameSchema = z.object({ name: z.string({ error: 'error_group_name' }).trim().min(1, 'error_group_name').max(80, 'error_group_name') });

export const caseSchema = z.object({
	target: z.string({ error: 'error_group_case' }).regex(/^(vignette|quiz):[a-z0-9-]{1,80}$/, 'error_group_case'),
	meeting: z.string({ error: 'error_group_meeting_date' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'error_group_meeting_date')
});

export const memberSchema = z.object({ member: z.string({ error: 'error_group_hand_over' }).uuid('error_group_hand_over') });

/** An invite to revoke; an unknown id is refused as unknown. */
export const revokeInviteSchema = z.object({ invite: z.string({ error: 'error_invite_unknown' }) });

/** Whether a member shows their name with their results: the box ticked, or not. */
export const showNameSchema = z.object({
	showName: z
		.literal('1')
		.optional()
		.catch(undefined)
		.transform((value) => value === '1')
});

/** Text the domain checks itself (meeting.ts, discussion.ts): not text reads as empty. CR LF line breaks become LF, as the textarea counts them. */
const typed = z
	.string()
	.catch('')
	.transform((text) => text.replace(/\r\n?/g, '\n'));
/** A phase of the meeting, checked by meeting.ts (a stale or unknown one is told apart there). */
const phase = z.string().optional().catch(undefined);

export const moveSchema = z.object({ from: phase });
export const notesSchema = z.object({ phase, notes: typed });

/** A post's id: digits, else none. */
export const postIdField = z
	.string()
	.regex(/^\d{1,9}$/)
	.transform(Number)
	.nullable()
	.catch(null);
export const postSchema = z.object({ parentId: postIdField, body: typed });
export const editSchema = z.object({ postId: postIdField, body: typed });
export const removeSchema = z.object({ postId: postIdField });

/** Why a case was refused, and the field that says so. */
export const caseProblems: Record<PickError, { field: 'target' | 'meeting'; message: ErrorKey }> = {
	'unknown-case': { field: 'target', message: 'error_group_unknown_case' },
	'too-few-members': { field: 'target', message: 'error_group_too_few_members' },
	'bad-date': { field: 'meeting', message: 'error_group_bad_date' },
	'date-in-past': { field: 'meeting', message: 'error_group_date_in_past' }
};
