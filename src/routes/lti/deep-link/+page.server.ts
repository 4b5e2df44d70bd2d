import { error } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireSupervisor } from '$lib/server/guards';
import { readTicket } from '$lib/server/lti/deep-linking';
import { ltiTargets } from '$lib/server/lti/targets';
import type { PageServerLoad } from './$types';

/** The instructor's picker for a Deep Linking request; the ticket carries the platform's settings. */
export const load: PageServerLoad = async ({ url }) => {
	const user = requireSupervisor();
	const ticket = url.searchParams.get('ticket') ?? '';
	const settings = await readTicket(await db(), ticket, user.id);
	if (!settings) error(400, 'Deep linking request expired');
	const problem = url.searchParams.get('problem');
	return {
		ticket,
		multiple: settings.acceptMultiple,
		problem: problem === 'none-chosen' || problem === 'one-only' ? problem : null,
		targets: ltiTargets(course).map((t) => ({ path: t.path, kind: t.kind, title: t.title[locale()], moduleId: t.moduleId ?? null }))
	};
};
