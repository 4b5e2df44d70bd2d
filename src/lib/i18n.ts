import { getLocale } from '$lib/paraglide/runtime';
import messages from 'virtual:error-messages';

/**
 * Server errors travel as message keys (all `error_*`); this turns one into the learner's language.
 * The error messages come as plain templates from messages/*.json (see vite.config.ts) rather than by
 * indexing paraglide's `m` with a computed key, which made the bundler ship every message of both
 * languages to the browser (~24 KB gzipped); paraglide's own per-message modules would cost twice these.
 */
export function t(key: string | undefined, inputs?: Record<string, unknown>): string {
	if (!key) return '';
	const template = messages[getLocale()][key];
	if (template === undefined) return key;
	return template.replace(/\{(\w+)\}/g, (_, name: string) => String(inputs?.[name] ?? ''));
}
