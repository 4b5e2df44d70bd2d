/**
 * Demo data for rated practice (issue 16): the supervisor has calibrated, rated a practice response the half-way
 * trainee shared, and rated the pre- and post-tests of the three trainees of the demo cohort, so that a newcomer
 * finds the queue, a rating with a reply, and a filled-in cohort report. Scores are made up, with a modest rise.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './db/index';
import { users } from './db/schema';
import type { Course } from './content';
import { PRACTICE_SKILLS } from './content/schema';
import { saveResponse, shareResponse } from './practice/responses';
import { saveCalibrationScore } from './rating/calibration';
import { drillsOfForm, formFor, handInTest } from './rating/performance';
import { replyToRating, submitRating } from './rating/ratings';
import { responseRatings, testResponses } from './db/schema';

const TEST_ANSWER = 'Ik zie dat dit je raakt. Neem gerust de tijd; ik blijf hier bij je.';
const scoresFrom = (base: number, shift: number) =>
	Object.fromEntries(PRACTICE_SKILLS.map((s, j) => [s, Math.min(5, Math.max(1, base + ((j + shift) % 3) - 1))]));

export async function seedGrowth(db: Db, course: Course, ids: Record<string, string>): Promise<void> {
	const learners = [ids.new, ids.halfway, ids.finished].filter((id): id is string => Boolean(id));
	const [supervisor] = ids.supervisor ? await db.select().from(users).where(eq(users.id, ids.supervisor)) : [];
	if (!supervisor || learners.length < 3) return;
	// Calibrated: the anchors' own scores, one point off on one skill of every other item.
	for (const [i, item] of course.practice.calibration.entries())
		await saveCalibrationScore(db, supervisor.id, 1, item.id, {
			...item.ratings,
			regie: i % 2 ? Math.max(1, (item.ratings.regie ?? 3) - 1) : (item.ratings.regie ?? 3)
		});
	const scale = course.practice.selfEfficacy;
	for (const [i, learnerId] of learners.entries()) {
		for (const [phase, lift] of [
			['pre', 0],
			['post', 1]
		] as const) {
			const drills = drillsOfForm(course.practice.drills, formFor(learnerId, phase));
			if (drills.length === 0) continue;
			const answers = Object.fromEntries((scale?.items ?? []).map((item, j) => [item.id, Math.min(scale?.scale.max ?? 7, 3 + i + lift * 2 - (j % 2))]));
			await handInTest(
				db,
				learnerId,
				phase,
				drills.map((drill) => ({ drill, body: TEST_ANSWER })),
				answers
			);
		}
	}
	const responses = await db
		.select({ id: testResponses.responseId, learnerId: testResponses.learnerId, phase: testResponses.phase })
		.from(testResponses)
		.where(inArray(testResponses.learnerId, learners));
	for (const [k, r] of responses.entries()) {
		const base = 2 + (learners.indexOf(r.learnerId) % 2) + (r.phase === 'post' ? 1 : 0);
		await submitRating(db, supervisor, r.id, {
			scores: scoresFrom(base, k),
			comment: 'Rustig en warm; blijf nog iets langer bij wat er nu gebeurt.',
			calibrated: true
		});
	}
	// A practice response the half-way trainee shared, rated, with their reply.
	const drill = course.practice.drills.find((d) => d.pool === 'practice');
	const halfway = ids.halfway;
	if (!drill || !halfway) return;
	const { id } = await saveResponse(db, halfway, drill, {
		body: 'Ik zie je ogen vochtig worden. Wat gebeurt er nu bij je?',
		bodyNote: null,
		place: 'practice'
	});
	await shareResponse(db, halfway, id, { visibility: 'supervisor' });
	await submitRating(db, supervisor, id, {
		scores: scoresFrom(4, 0),
		comment: 'Mooi dat je benoemt wat je ziet en een open vraag stelt. Je mag de stilte daarna nog iets langer laten duren.',
		calibrated: true
	});
	const [rating] = await db.select({ id: responseRatings.id }).from(responseRatings).where(eq(responseRatings.responseId, id));
	if (rating) await replyToRating(db, halfway, rating.id, 'Dank je. Die stilte vind ik spannend; ik ga het proberen.');
}
