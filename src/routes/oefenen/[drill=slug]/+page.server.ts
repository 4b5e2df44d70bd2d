import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course, findDrill, type Drill } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { mayShareWith, notFound } from '$lib/server/policy';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { groupsOf } from '$lib/server/groups/groups';
import { parseSharing } from '$lib/server/learning/reflections';
import { rateSchema, respondSchema, shareSchema } from '$lib/server/practice/forms';
import { skillsOf } from '$lib/server/practice/present';
import { practiceClock } from '$lib/server/practice/request';
import { RESPONSE_MAX, levelOf, rateResponse, recordView, responseOf, saveResponse, shareResponse } from '$lib/server/practice/responses';
import { practiceToday } from '$lib/server/practice/today';
import { newWriteKey } from '$lib/write-key';
import type { Actions, PageServerLoad } from './$types';

/** The drill of the page: practice drills only (assessment drills belong to the tests of issue 16). */
function drillOf(id: string): Drill {
	const drill = findDrill(id);
	if (!drill || drill.pool !== 'practice') notFound('drill');
	return drill;
}

/** A back link to a vignette step is only ever a course page (`/modules/…`), never another site. */
function backOf(value: FormDataEntryValue | string | null): string | null {
	return typeof value === 'string' && /^\/modules\/[a-z0-9-]+\/[a-z0-9-]+$/.test(value) ? value : null;
}

const ANSWER = 'antwoord';

export const load: PageServerLoad = async ({ params, url, cookies }) => {
	const user = requireUser();
	const drill = drillOf(params.drill);
	const database = await db();
	const l = locale();
	const answer = url.searchParams.get(ANSWER);
	const response = answer && /^\d{1,9}$/.test(answer) ? await responseOf(database, user.id, Number(answer)) : undefined;
	if (answer && response?.drillId !== drill.id) notFound('drill response');
	// The first view starts the time to respond; later views keep it (recorded, never enforced).
	if (!response) await recordView(database, user.id, drill.id);
	const [groups, today, level] = response
		? await Promise.all([
				groupsOf(database, user.id),
				practiceToday(database, user.id, course.practice.drills, practiceClock(cookies)),
				levelOf(database, user.id)
			])
		: [[], null, null];
	const next = today ? ([...today.due, today.next].find((d) => d && d.id !== drill.id) ?? null) : null;
	return {
		drill: {
			id: drill.id,
			title: drill.title[l],
			whose: drill.whose,
			contextHtml: drill.contextHtml[l],
			momentHtml: drill.momentHtml[l],
			models: drill.models.map((m) => ({ orientation: m.orientation, text: m.text[l], noteHtml: m.noteHtml[l] })),
			contrast: { pitfall: drill.contrast.pitfall, text: drill.contrast.text[l], whyHtml: drill.contrast.whyHtml[l] },
			skills: skillsOf(drill, l)
		},
		response: response
			? {
					id: response.id,
					body: response.body,
					bodyNote: response.bodyNote,
					ratings: response.ratings,
					difficulty: response.difficulty,
					rated: response.ratedAt !== null,
					sharing:
						response.visibility === 'group' && response.groupId
							? `group:${response.groupId}`
							: response.visibility === 'group'
								? 'private'
								: response.visibility
				}
			: null,
		back: backOf(url.searchParams.get('terug')),
		level,
		groups: groups.map((g) => ({ id: g.id, name: g.name })),
		next: next ? { id: next.id, title: next.title[l] } : null,
		writeKey: newWriteKey(),
		max: RESPONSE_MAX
	};
};

/** Back to the page with the saved response (its steps 3 to 5), keeping the way back to a vignette. */
function toResponse(drill: Drill, id: number, back: string | null, hash: string, flag?: string): never {
	const query = new URLSearchParams({ [ANSWER]: String(id), ...(back ? { terug: back } : {}), ...(flag ? { [flag]: '1' } : {}) });
	redirect(303, `/oefenen/${drill.id}?${query}#${hash}`);
}

export const actions: Actions = {
	respond: async ({ params, request }) => {
		const user = requireUser();
		const drill = drillOf(params.drill);
		const form = await readForm(request);
		const parsed = parseForm(respondSchema, form);
		const back = backOf(form.get('terug'));
		if (!parsed.ok) {
			const message = parsed.errors.body ?? 'error_bad_request';
			return fail(400, { message, body: String(form.get('body') ?? ''), bodyNote: String(form.get('bodyNote') ?? ''), back });
		}
		const saved = await saveResponse(await db(), user.id, drill, { ...parsed.data, place: back ? 'vignette' : parsed.data.place });
		toResponse(drill, saved.id, back, 'vergelijk');
	},
	rate: async ({ params, request, cookies }) => {
		const user = requireUser();
		const drill = drillOf(params.drill);
		const form = await readForm(request);
		const parsed = parseForm(rateSchema(drill), form);
		const back = backOf(form.get('terug'));
		if (!parsed.ok) return fail(400, { message: 'error_practice_rating', rating: Object.fromEntries(form) as Record<string, string> });
		const data = parsed.data as Record<string, unknown> & { response: number; difficulty: 'too-easy' | 'about-right' | 'too-hard' };
		const ratings = Object.fromEntries(drill.skills.map((s) => [s, Number(data[`skill-${s}`])]));
		const rated = await rateResponse(await db(), user.id, drill, data.response, ratings, data.difficulty, practiceClock(cookies));
		if (!rated) notFound('drill response');
		toResponse(drill, data.response, back, 'delen', 'beoordeeld');
	},
	share: async ({ params, request }) => {
		const user = requireUser();
		const drill = drillOf(params.drill);
		const form = await readForm(request);
		const parsed = parseForm(shareSchema, form);
		const back = backOf(form.get('terug'));
		const database = await db();
		const sharing = parsed.ok ? parseSharing(parsed.data.visibility, undefined) : null;
		if (!parsed.ok || !sharing || (sharing.visibility === 'group' && !(await mayShareWith(database, user, sharing.groupId))))
			return fail(400, { message: 'error_practice_share' });
		if (!(await shareResponse(database, user.id, parsed.data.response, sharing))) notFound('drill response');
		toResponse(drill, parsed.data.response, back, 'delen', 'gedeeld');
	}
};
