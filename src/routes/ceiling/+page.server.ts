/**
 * Used only by `npm run bench` (scripts/bench), linked from nowhere: the course overview, prerendered
 * at build time in the base language, so that the benchmark can measure what this stack serves at most
 * for a page of the dashboard's size (a file from disk, no session, no database, no rendering).
 * A real page cannot be prerendered without losing the learner's language: every page follows the
 * locale cookie.
 */
import { course } from '$lib/server/content';
import type { PageServerLoad } from './$types';

export const prerender = true;

export const load: PageServerLoad = () => ({
	modules: course.modules.map((m) => ({
		id: m.id,
		order: m.order,
		title: m.title.nl,
		summary: m.summary.nl,
		minutes: m.minutes,
		items: m.items.map((i) => ({ id: i.id, title: i.title.nl, minutes: i.minutes }))
	}))
});
