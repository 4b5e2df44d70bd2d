import { createHash } from 'node:crypto';

/** Ontroerd's namespace for name-based statement ids (itself the v5 UUID of the URL namespace and 'https://ontroerd.nl/xapi'). */
export const STATEMENT_NAMESPACE = 'a99f6e2d-7fee-5fa3-8d76-865bf9c14b66';

const bytes = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');

/** RFC 9562 §5.5: a UUID version 5 (SHA-1, name-based), the same for the same namespace and name. */
export function uuidV5(name: string, namespace = STATEMENT_NAMESPACE): string {
	const hash = createHash('sha1').update(bytes(namespace)).update(name, 'utf8').digest();
	hash[6] = (hash[6]! & 0x0f) | 0x50;
	hash[8] = (hash[8]! & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
