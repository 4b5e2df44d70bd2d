/**
 * Who may see or do what — the one place. Every load and action asks here.
 * For now the rule is simple: a learner reads and writes only their own learning data.
 */
import { error, redirect } from '@sveltejs/kit';
import type { SessionUser } from './auth/session';

/** The signed-in user, or a redirect to the login page that comes back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): SessionUser {
	if (!locals.user) redirect(303, `/login?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
	return locals.user;
}

/** Learning data is only ever read for the signed-in learner themselves. */
export function ownLearnerId(user: SessionUser, requestedLearnerId?: string): string {
	if (requestedLearnerId && requestedLearnerId !== user.id) error(404, 'Not found');
	return user.id;
}

/** Only same-site relative paths are followed after login, never another origin. */
export function safeRedirect(target: string | null | undefined, fallback = '/dashboard'): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) return fallback;
	return target;
}
