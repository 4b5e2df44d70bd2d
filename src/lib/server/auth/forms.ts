/** The schemas of the account forms: registration, login, reset, password and e-mail change. */
import { z } from 'zod';
import type { ErrorKey } from '$lib/i18n';
import { stringField } from '../forms';
import { PASSWORD_MAX, PASSWORD_MIN } from './password';
import { passwordWeakness, personalWords } from './strength';
import type { TokenProblem } from './tokens';
import { baseLocale, locales } from '../../paraglide/runtime';

export const emailField = stringField('error_email').trim().toLowerCase().max(254, 'error_email').email('error_email');
export const passwordField = stringField('error_password_length').min(PASSWORD_MIN, 'error_password_length').max(PASSWORD_MAX, 'error_password_length');

const weaknessKeys = { personal: 'error_password_personal', weak: 'error_password_weak' } satisfies Record<string, ErrorKey>;

/** The message key for a password that is long enough but easy to guess, or null. */
export function weakPasswordError(password: string, email: string, name: string): ErrorKey | null {
	const weakness = passwordWeakness(password, personalWords(email, name));
	return weakness === 'personal' || weakness === 'weak' ? weaknessKeys[weakness] : null;
}

export const registerSchema = z
	.object({
		email: emailField,
		displayName: stringField('error_name').trim().min(1, 'error_name').max(80, 'error_name'),
		password: passwordField,
		redirectTo: z.string().catch('')
	})
	.superRefine(({ email, displayName, password }, ctx) => {
		// Zod runs this even when the length check failed; zxcvbn on thousands of characters takes minutes.
		if (password.length > PASSWORD_MAX) return;
		const problem = weakPasswordError(password, email, displayName);
		if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
	});

export const loginSchema = z.object({
	email: stringField('error_login').trim().min(1, 'error_login').max(254, 'error_login'),
	password: stringField('error_login').min(1, 'error_login').max(PASSWORD_MAX, 'error_login'),
	remember: z.literal('yes', { error: 'error_login' }).optional(),
	redirectTo: z.string().optional().catch(undefined)
});

export const changePasswordSchema = z.object({
	currentPassword: stringField('error_current_password').min(1, 'error_current_password').max(PASSWORD_MAX, 'error_current_password'),
	newPassword: passwordField
});

export const resetRequestSchema = z.object({ email: emailField });

/** The new password behind a reset link; its strength is checked against the account's name and address. */
export const resetPasswordSchema = z.object({ password: passwordField });

export const changeEmailSchema = z.object({
	newEmail: emailField,
	password: stringField('error_current_password').min(1, 'error_current_password').max(PASSWORD_MAX, 'error_current_password')
});

/** Why a link from a mail no longer works, as the page says it. */
export const tokenProblems: Record<TokenProblem, ErrorKey> = { invalid: 'error_token_invalid', used: 'error_token_used', expired: 'error_token_expired' };

/** The language switch: an unknown language is the base one, and the way back is checked by policy.safeRedirect. */
export const languageSchema = z.object({ locale: z.enum(locales).catch(baseLocale), redirectTo: z.string().catch('') });
