import { m } from '$lib/paraglide/messages';

type MessageFn = (inputs?: Record<string, unknown>) => string;

/** Server errors travel as message keys; this turns one into the learner's language. */
export function t(key: string | undefined, inputs?: Record<string, unknown>): string {
	if (!key) return '';
	const fn = (m as unknown as Record<string, MessageFn | undefined>)[key];
	return fn ? fn(inputs) : key;
}
