/** The `error_*` messages of messages/{nl,en}.json, as plain templates (vite.config.ts, errorMessages). */
declare module 'virtual:error-messages' {
	const messages: Record<'nl' | 'en', Record<string, string>>;
	export default messages;
}
