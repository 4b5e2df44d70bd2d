/** Form input is unknown until a schema has parsed it; errors come back as message keys per field. */
import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { PASSWORD_MAX, PASSWORD_MIN } from './auth/password';
import { passwordWeakness, personalWords } from './auth/strength';

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

export function parseForm<T>(schema: z.ZodType<T>, form: FormData): Parsed<T> {
	const input = Object.fromEntries([...form.keys()].map((k) => [k, form.get(k)]));
	const result = schema.safeParse(input);
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message;
	}
	return { ok: false, errors };
}

const str = (key: string) => z.string({ error: key });
export const emailField = str('error_email').trim().toLowerCase().max(254, 'error_email').email('error_email');
export const passwordField = str('error_password_length').min(PASSWORD_MIN, 'error_password_length').max(PASSWORD_MAX, 'error_password_length');

/** The message key for a password that is long enough but easy to guess, or null. */
export function weakPasswordError(password: string, email: string, name: string): string | null {
	const weakness = passwordWeakness(password, personalWords(email, name));
	return weakness === 'personal' ? 'error_password_personal' : weakness === 'weak' ? 'error_password_weak' : null;
}

export const registerSchema = z
	.object({
		email: emailField,
		displayName: str('error_name').trim().min(1, 'error_name').max(80, 'error_name'),
		password: passwordField
	})
	.superRefine(({ email, displayName, password }, ctx) => {
		const problem = weakPasswordError(password, email, displayName);
		if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
	});

export const loginSchema = z.object({
	email: str('error_login').trim().min(1, 'error_login').max(254, 'error_login'),
	password: str('error_login').min(1, 'error_login').max(PASSWORD_MAX, 'error_login'),
	remember: z.literal('yes').optional()
});

export const changePasswordSchema = z.object({
	currentPassword: str('error_current_password').min(1, 'error_current_password').max(PASSWORD_MAX, 'error_current_password'),
	newPassword: passwordField
});

/** The posted form, or a 400 when the body is not a readable form (wrong content type, broken multipart). */
export async function readForm(request: Request): Promise<FormData> {
	let posted: FormData;
	try {
		posted = await request.formData();
	} catch {
		error(400, 'error_bad_request');
	}
	const form = new FormData();
	for (const [key, value] of posted) form.append(key, typeof value === 'string' && !PASSWORD_FIELD.test(key) ? cleanText(value) : value);
	return form;
}

/** C0 controls but tab, line feed and carriage return (browsers post newlines as CR LF); DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Passwords are only hashed, never stored or shown: they stay as typed, or an existing one could stop matching. */
const PASSWORD_FIELD = /password/i;

/**
 * Every posted text as PostgreSQL can store it: control characters removed, lone surrogates made
 * U+FFFD. Stripped rather than refused: they are invisible, mean nothing in prose, and arrive by
 * pasting from PDFs and word processors, so a refusal would block the save of a long reflection over
 * a character its writer cannot see or find. A NUL made PostgreSQL refuse the whole statement (500).
 * Lone surrogates become U+FFFD as a browser's own form encoding does.
 */
export function cleanText(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}

export const deleteAccountSchema = z.object({
	confirm: z.literal('yes', { error: 'error_delete_confirm' }),
	/** What happens to posts in group discussions: removed, or kept without the author's name. */
	posts: z.enum(['remove', 'keep'], { error: 'error_delete_posts' }).default('remove'),
	/** May stay empty while the last password entry is recent (policy.hasRecentPassword). */
	password: str('error_delete_password').max(PASSWORD_MAX, 'error_delete_password').default('')
});

export const resetRequestSchema = z.object({ email: emailField });

/** The new password behind a reset link; its strength is checked against the account's name and address. */
export const resetPasswordSchema = z.object({ password: passwordField });

export const changeEmailSchema = z.object({
	newEmail: emailField,
	password: str('error_current_password').min(1, 'error_current_password').max(PASSWORD_MAX, 'error_current_password')
});
