import type { Session } from '$lib/server/db/schema';
import type { SessionUser } from '$lib/server/auth/session';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			session: Session | null;
			sessionToken: string | null;
			/** Set by handleError when a request failed because the database could not be reached. */
			databaseDown?: boolean;
		}
		interface Error {
			message: string;
			id?: string;
		}
	}
}

export {};
