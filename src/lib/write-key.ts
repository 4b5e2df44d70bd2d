/**
 * A write key makes a save safe to retry: the server stores it with the write, in the same
 * transaction, and answers a repeat of the same key with the first outcome instead of writing again.
 * Forms carry a fresh one per page render; the enhanced reflection form takes a new one after each save.
 */
export function newWriteKey(): string {
	// getRandomValues works on plain http too, where crypto.randomUUID() does not.
	const bytes = crypto.getRandomValues(new Uint8Array(16));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
