import { getLocale, type Locale } from '$lib/paraglide/runtime';
import type { m } from '$lib/paraglide/messages';

/**
 * The messages `t()` can say: every `error_*` key of messages/*.json, read from the compiled Paraglide
 * messages (`npm run i18n`), so a key without a message is a type error where it is written.
 */
export type ErrorKey = Extract<keyof typeof m, `error_${string}`>;

/** A refused form's message key per field (`form` for the form as a whole). */
export type FieldErrors = Partial<Record<string, ErrorKey>>;

type Templates = Partial<Record<ErrorKey, string>>;

/** Each language's error messages in a module of its own (vite.config.ts), so the browser loads one language's. */
const modules: Record<Locale, () => Promise<{ default: Templates }>> = {
	nl: () => import('virtual:error-messages/nl'),
	en: () => import('virtual:error-messages/en')
};
const loaded: Partial<Record<Locale, Templates>> = {};

/**
 * Loads a language's error messages for `t()`. The root layout's load awaits it for the page's language before
 * anything renders, on the server and in the browser, and again when the language changes (after a login).
 */
export async function loadErrorMessages(locale: Locale): Promise<void> {
	loaded[locale] ??= (await modules[locale]()).default;
}

/**
 * Server errors travel as message keys (all `error_*`); this turns one into the learner's language.
 * The error messages come as plain templates from messages/*.json (see vite.config.ts) rather than by
 * indexing paraglide's `m` with a computed key, which made the bundler ship every message of both
 * languages to the browser (~24 KB gzipped); paraglide's own per-message modules would cost twice these.
 * A language not loaded yet (see loadErrorMessages) shows the key.
 */
export function t(key: ErrorKey | null | undefined, inputs?: Record<string, unknown>): string {
	if (!key) return '';
	const template = loaded[getLocale()]?.[key];
	if (template === undefined) return key;
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(inputs?.[name] ?? ''));
}
