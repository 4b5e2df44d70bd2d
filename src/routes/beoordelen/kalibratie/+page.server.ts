import { redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { fail, parseForm, readForm } from '$lib/server/forms';
import { requireUser } from '$lib/server/guards';
import { calibrationResult, completeRound, currentRound, saveCalibrationScore } from '$lib/server/rating/calibration';
import { calibrationSchema, scoresOf } from '$lib/server/rating/forms';
import { momentOf, rubricSkills } from '$lib/server/rating/present';
import type { Actions, PageServerLoad } from './$types';

const AGAIN = 'opnieuw';
const SEEN = 'bekeken';

/** The round a new score belongs to: the one under way, or a new one (first calibration, or re-calibration once asked for). */
async function roundToScore(raterId: string, again: boolean) {
	const database = await db();
	const current = await currentRound(database, raterId);
	const complete = current.round > 0 && (await completeRound(database, raterId, course.practice.calibration)) === current.round;
	if (current.round === 0 || (complete && again)) return { round: current.round + 1, scored: new Map<string, Record<string, number>>(), complete: false };
	return { ...current, complete };
}

export const load: PageServerLoad = async ({ url }) => {
	const user = requireUser();
	const l = locale();
	const set = course.practice.calibration;
	const skills = rubricSkills(l);
	const current = await roundToScore(user.id, url.searchParams.has(AGAIN));
	const seenId = url.searchParams.get(SEEN);
	const seenItem = seenId ? set.find((c) => c.id === seenId) : undefined;
	const seenScores = seenItem ? current.scored.get(seenItem.id) : undefined;
	const next = current.complete ? undefined : set.find((c) => !current.scored.has(c.id));
	const result = await calibrationResult(await db(), user.id, set);
	return {
		total: set.length,
		done: current.scored.size,
		round: current.round,
		again: url.searchParams.has(AGAIN),
		skills,
		// Feedback on the item just scored: per skill the rater's score, the anchor's, and why.
		feedback:
			seenItem && seenScores
				? {
						response: seenItem.response[l],
						rows: skills.map((s) => ({ skill: s.name, yours: seenScores[s.id] ?? null, anchor: seenItem.ratings[s.id], why: seenItem.why[s.id][l] }))
					}
				: null,
		item: next && !seenScores ? { id: next.id, response: next.response[l], drill: momentOf(next.drill, l) } : null,
		hasNext: next !== undefined,
		result: result
			? {
					round: result.round,
					overall: result.overall,
					perSkill: result.perSkill.map((s) => ({ ...s, name: skills.find((k) => k.id === s.skill)?.name ?? s.skill }))
				}
			: null
	};
};

export const actions: Actions = {
	score: async ({ request }) => {
		const user = requireUser();
		const form = await readForm(request);
		const parsed = parseForm(calibrationSchema, form);
		const item = parsed.ok ? course.practice.calibration.find((c) => c.id === parsed.data.item) : undefined;
		if (!parsed.ok || !item) {
			const message = parsed.ok ? 'error_bad_request' : (Object.values(parsed.errors)[0] ?? 'error_bad_request');
			return fail(400, { message, posted: Object.fromEntries([...form].map(([k, v]) => [k, String(v)])) });
		}
		const again = form.get(AGAIN) === '1';
		const { round } = await roundToScore(user.id, again);
		await saveCalibrationScore(await db(), user.id, round, item.id, scoresOf(parsed.data));
		redirect(303, `/beoordelen/kalibratie?${SEEN}=${item.id}#feedback`);
	}
};
