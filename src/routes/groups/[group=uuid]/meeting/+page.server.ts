import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, formValues, readForm } from '$lib/server/forms';
import { moveSchema, notesSchema } from '$lib/server/groups/forms';
import { caseAtHand } from '$lib/server/groups/case';
import { facilitatorName, meetingOf, moveMeeting, saveNotes, PHASES, TIME_BOX_MINUTES, type MeetingError } from '$lib/server/groups/meeting';
import { groupForMember, requireUser } from '$lib/server/guards';
import { isFacilitator } from '$lib/server/policy';
import type { ErrorKey } from '$lib/i18n';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const messages: Record<MeetingError, ErrorKey> = {
	'not-facilitator': 'error_meeting_not_facilitator',
	stale: 'error_meeting_stale',
	'unknown-phase': 'error_meeting_not_started',
	'not-started': 'error_meeting_not_started',
	'too-long': 'error_meeting_notes_too_long'
};

export const load: PageServerLoad = async ({ url, params }) => {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	const [meeting, facilitator] = await Promise.all([meetingOf(database, group), facilitatorName(database, group)]);
	return {
		group: { id: group.id, name: group.name },
		caseAtHand: caseAtHand(course, group, locale()),
		facilitator,
		isFacilitator: isFacilitator(group, user),
		phases: PHASES.map((id) => ({ id, minutes: TIME_BOX_MINUTES[id] })),
		stage: meeting.stage,
		elapsedSeconds: meeting.phaseStartedAt ? Math.max(0, Math.floor((Date.now() - meeting.phaseStartedAt.getTime()) / 1000)) : 0,
		notes: meeting.notes,
		saved: url.searchParams.has('saved')
	};
};

async function move({ params, request }: RequestEvent, direction: 'next' | 'previous') {
	const user = requireUser();
	const database = await db();
	const group = await groupForMember(params.group);
	const { from } = moveSchema.parse(formValues(await readForm(request)));
	const result = await moveMeeting(database, group, user, from, direction);
	if (!result.ok && result.error === 'not-facilitator') return fail(403, { action: 'move', message: messages[result.error], notes: '', length: 0 });
	// A stale click (a second tab, a double submit) changes nothing; the page shows where the meeting is.
	redirect(303, `/groups/${group.id}/meeting`);
}

export const actions: Actions = {
	next: (event) => move(event, 'next'),
	previous: (event) => move(event, 'previous'),
	notes: async ({ params, request }) => {
		const user = requireUser();
		const database = await db();
		const group = await groupForMember(params.group);
		const { phase, notes } = notesSchema.parse(formValues(await readForm(request)));
		const result = await saveNotes(database, group, user, phase, notes);
		if (!result.ok)
			return fail(result.error === 'not-facilitator' ? 403 : 400, { action: 'notes', message: messages[result.error], notes, length: notes.length });
		redirect(303, `/groups/${group.id}/meeting?saved=1#notes`);
	}
};
