/**
 * Server-Sent Events for a group's discussion: tells a member's open page that a post changed
 * (ids only), so that it re-fetches the thread. Membership is checked on every event and every
 * heartbeat, so a member who left stops hearing at once.
 */
import { database } from '$lib/server/db';
import { watchDiscussion } from '$lib/server/groups/live';
import { groupForMember, notFound } from '$lib/server/policy';
import { eventStream } from '$lib/server/sse';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ locals, params, request }) => {
	const user = locals.user ?? notFound();
	const open = await database();
	const group = await groupForMember(open.db, user, params.group);
	const stillMember = () =>
		groupForMember(open.db, user, group.id).then(
			() => true,
			() => false
		);
	return eventStream(request.signal, {
		start: (sink) =>
			watchDiscussion(open, group.id, (change) => {
				void stillMember().then((member) => (member ? sink.send('post', change) : sink.close()));
			}),
		beat: async (sink) => {
			if (!(await stillMember())) sink.close();
		}
	});
};
