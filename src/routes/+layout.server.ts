import { getLocale } from '$lib/paraglide/runtime';
import { TIME_ZONE } from '$lib/server/time-zone';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { displayName: locals.user.displayName, role: locals.user.role } : null,
	locale: getLocale(),
	timeZone: TIME_ZONE
});
