import { getLocale } from '$lib/paraglide/runtime';
import type { m } from '$lib/paraglide/messages';
import messages from 'virtual:error-messages';

/**
 * The messages `t()` can say: every `error_*` key of messages/*.json, read from the compiled Paraglide
 * messages (`npm run i18n`), so a key without a message is a type error where it is written.
 */
export type ErrorKey = Extract<keyof typeof m, `error_${string}`>;

/** A refused form's message key per field (`form` for the form as a whole). */
export type FieldErrors = Partial<Record<string, ErrorKey>>;

/**
 * Server errors travel as message keys (all `error_*`); this turns one into the learner's language.
 * The error messages come as plain templates from messages/*.json (see vite.config.ts) rather than by
 * indexing paraglide's `m` with a computed key, which made the bundler ship every message of both
 * languages to the browser (~24 KB gzipped); paraglide's own per-message modules would cost twice these.
 */
export function t(key: ErrorKey | null | undefined, inputs?: Record<string, unknown>): string {
	if (!key) return '';
	const template = messages[getLocale()][key];
	if (template === undefined) return key;
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(inputs?.[name] ?? ''));
}
