/** Users and a catcher shared by the policy's and the guards' unit tests (imported by specs only). */
import type { SessionUser } from './auth/session';

export const trainee: SessionUser = { id: 't', email: 't@x.nl', displayName: 'T', role: 'trainee', locale: 'nl' };
export const supervisor: SessionUser = { ...trainee, id: 's', role: 'supervisor' };
export const admin: SessionUser = { ...trainee, id: 'a', role: 'admin' };

/** What a guard threw (SvelteKit's redirect and error are thrown values, not Error instances). */
export function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (value) {
		return value;
	}
	return undefined;
}
