import { z } from 'zod';
import { stringField } from '../forms';
import { PASSWORD_MAX } from '../auth/password';

export const deleteAccountSchema = z.object({
	confirm: z.literal('yes', { error: 'error_delete_confirm' }),
	/** What happens to posts in group discussions: removed, or kept without the author's name. */
	posts: z.enum(['remove', 'keep'], { error: 'error_delete_posts' }).default('remove'),
	/** May stay empty while the last password entry is recent (policy.hasRecentPassword). */
	password: stringField('error_delete_password').max(PASSWORD_MAX, 'error_delete_password').default('')
});
