/** The `error_*` messages of messages/{nl,en}.json, as plain templates (vite.config.ts, errorMessages). */
declare module 'virtual:error-messages' {
	const messages: Record<import('$lib/paraglide/runtime').Locale, Partial<Record<import('$lib/i18n').ErrorKey, string>>>;
	export default messages;
}
