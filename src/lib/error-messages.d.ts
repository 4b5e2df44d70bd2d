/** The `error_*` messages of messages/<locale>.json, as plain templates (vite.config.ts, errorMessages). */
declare module 'virtual:error-messages/*' {
	const messages: Partial<Record<import('$lib/i18n').ErrorKey, string>>;
	export default messages;
}
