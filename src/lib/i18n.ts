type MessageFn = (inputs?: Record<string, unknown>) => string;

/**
 * The error messages only: the keys that travel from the server are all `error_*`. Globbing their
 * modules, rather than indexing `m` by a computed key, keeps the other messages out of the browser
 * bundle (looking one up by name made the bundler ship all of them, in both languages: ~24 KB gzipped).
 */
const modules = import.meta.glob<Record<string, MessageFn>>('./paraglide/messages/error_*.js', { eager: true });
const errors = new Map(Object.values(modules).flatMap((exports) => Object.entries(exports)));

/** Server errors travel as message keys; this turns one into the learner's language. */
export function t(key: string | undefined, inputs?: Record<string, unknown>): string {
	if (!key) return '';
	const fn = errors.get(key);
	return fn ? fn(inputs) : key;
}
