import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { testSchema } from '$lib/server/rating/forms';
import { drillsOfForm, formFor, handInTest, testAccess } from '$lib/server/rating/performance';
import { learnerProgress, summarise } from '$lib/server/learning/progress';
import { momentOf } from '$lib/server/rating/present';
import type { TestPhase } from '$lib/server/db/schema';
import type { Actions, PageServerLoad } from './$types';

/**
 * The drills and scale of this learner's test at `phase`, and whether it is open: by direct URL too, the post-test
 * opens only once every module is done and the retention test 8 weeks after the post-test, as on the dashboard.
 */
async function testOf(learnerId: string, phase: TestPhase) {
	const database = await db();
	const { modules } = summarise(course, await learnerProgress(database, learnerId));
	const access = await testAccess(
		database,
		learnerId,
		phase,
		modules.every((x) => x.done >= x.total)
	);
	const drills = drillsOfForm(course.practice.drills, formFor(learnerId, phase));
	const scale = course.practice.selfEfficacy;
	return { done: access === 'done', closed: access === 'done' || access === 'open' ? null : access, drills, scale };
}

export const load: PageServerLoad = async ({ params }) => {
	const user = requireUser();
	const phase = params.phase as TestPhase;
	const { done, closed, drills, scale } = await testOf(user.id, phase);
	const l = locale();
	if (closed) return { phase, done, closed, drills: [], selfEfficacy: null };
	return {
		phase,
		done,
		closed,
		drills: drills.map((d) => ({ id: d.id, ...momentOf(d.id, l) })),
		selfEfficacy: scale && {
			title: scale.title[l],
			intro: scale.intro[l],
			min: scale.scale.min,
			max: scale.scale.max,
			minLabel: scale.scale.minLabel[l],
			maxLabel: scale.scale.maxLabel[l],
			items: scale.items.map((i) => ({ id: i.id, text: i.text[l] }))
		}
	};
};

export const actions: Actions = {
	hand: async ({ params, request }) => {
		const user = requireUser();
		const phase = params.phase as TestPhase;
		const { done, closed, drills, scale } = await testOf(user.id, phase);
		if (done || closed) redirect(303, `/oefenen/meting/${phase}`);
		const form = await readForm(request);
		const items = scale?.items.map((i) => i.id) ?? [];
		const parsed = parseForm(
			testSchema(
				drills.map((d) => d.id),
				items,
				scale?.scale ?? { min: 1, max: 7 }
			),
			form
		);
		if (!parsed.ok)
			return fail(400, {
				message: Object.values(parsed.errors)[0] ?? 'error_bad_request',
				posted: Object.fromEntries([...form].map(([k, v]) => [k, String(v)]))
			});
		const data = parsed.data as Record<string, string | number>;
		await handInTest(
			await db(),
			user.id,
			phase,
			drills.map((drill) => ({ drill, body: String(data[`response-${drill.id}`]) })),
			Object.fromEntries(items.map((id) => [id, Number(data[id])]))
		);
		redirect(303, `/oefenen/meting/${phase}`);
	}
};
