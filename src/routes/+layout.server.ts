import { getLocale } from '$lib/paraglide/runtime';
import { navFor } from '$lib/server/policy';
import { TIME_ZONE } from '$lib/server/time-zone';
import type { LayoutServerLoad } from './$types';

/** What every page's frame may show: the policy decides the navigation, not the role in the browser. */
export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user ? { displayName: locals.user.displayName } : null,
	nav: navFor(locals.user),
	locale: getLocale(),
	timeZone: TIME_ZONE
});
