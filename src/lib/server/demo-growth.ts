/**
 * Demo data for rated practice (issue 16), so that a newcomer finds the queue, a rating with a reply, and a
 * filled-in report: the supervisor and the course owner have both calibrated; the three trainees of the demo
 * cohort have handed in their pre- and post-tests; the supervisor rated every test response and the course owner
 * (who leads a second cohort of the same trainees, as a co-supervisor would) rated two of the three drills of
 * each test, so that agreement between raters has pairs. A trainee shared a practice response with the
 * intervision group: one peer rated it after calibrating, another without. A third, small cohort shows that a
 * group below three trainees gets no figures. Scores are made up: per trainee and skill a level and a gain,
 * per response and rater some noise, all drawn from a seeded generator, so that every demo is the same.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from './db/index';
import { responseRatings, testResponses, users, type SkillRatings, type User } from './db/schema';
import type { Calibration, Course } from './content';
import { PRACTICE_SKILLS } from './content/schema';
import { saveResponse, shareResponse } from './practice/responses';
import { saveCalibrationScore } from './rating/calibration';
import { drillsOfForm, formFor, handInTest } from './rating/performance';
import { replyToRating, submitRating } from './rating/ratings';
import { createCohort, joinCohort } from './supervision/cohorts';

const TEST_ANSWER = 'Ik zie dat dit je raakt. Neem gerust de tijd; ik blijf hier bij je.';
const COMMENT = 'Rustig en warm; blijf nog iets langer bij wat er nu gebeurt.';

/** A number in [0, 1) that depends only on `key` (FNV-1a, then one round of mulberry32): the same demo every time. */
export function seeded(key: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
	let t = (h + 0x6d2b79f5) | 0;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(value)));

/**
 * What a rater gives one response on every skill: the trainee's level on the skill (about 1.8 to 3.0 at the
 * pre-test), their gain by the post-test (about 0.3 to 1.5), the response's own ups and downs, and the rater's
 * (the course owner a little stricter).
 */
function demoScores(learner: number, phase: 'pre' | 'post', drill: string, rater: 'supervisor' | 'admin'): SkillRatings {
	return Object.fromEntries(
		PRACTICE_SKILLS.map((skill) => {
			// Trainees start apart and most gain a little: a change of the size a short training shows, not a leap.
			const level = 1.4 + 2.2 * seeded(`level:${learner}:${skill}`);
			const gain = phase === 'post' ? 0.1 + 0.9 * seeded(`gain:${learner}:${skill}`) : 0;
			const response = 0.8 * (seeded(`response:${learner}:${phase}:${drill}:${skill}`) - 0.5);
			const judge = (rater === 'admin' ? -0.2 : 0) + 0.9 * (seeded(`${rater}:${learner}:${phase}:${drill}:${skill}`) - 0.5);
			return [skill, clamp(level + gain + response + judge, 1, 5)];
		})
	);
}

/** A calibration round close to the anchors: now and then a point off, as a careful rater would be. */
async function calibrate(db: Db, raterId: string, who: string, set: readonly Calibration[]): Promise<void> {
	for (const item of set)
		await saveCalibrationScore(
			db,
			raterId,
			1,
			item.id,
			Object.fromEntries(
				Object.entries(item.ratings).map(([skill, anchor]) => {
					const r = seeded(`calibration:${who}:${item.id}:${skill}`);
					return [skill, clamp(anchor + (r < 0.15 ? -1 : r > 0.85 ? 1 : 0), 1, 5)];
				})
			)
		);
}

export async function seedGrowth(db: Db, course: Course, ids: Record<string, string>): Promise<void> {
	const learners = [ids.new, ids.halfway, ids.finished].filter((id): id is string => Boolean(id));
	const account = async (id: string | undefined): Promise<User | undefined> => (id ? (await db.select().from(users).where(eq(users.id, id)))[0] : undefined);
	const [supervisor, admin] = [await account(ids.supervisor), await account(ids.admin)];
	if (!supervisor || !admin || learners.length < 3) return;
	const set = course.practice.calibration;
	await calibrate(db, supervisor.id, 'supervisor', set);
	await calibrate(db, admin.id, 'admin', set);
	// The course owner co-leads the demo cohort's trainees in a cohort of their own, and has a small one of two.
	const second = await createCohort(db, admin.id, 'Tweede beoordeling GZ 2026');
	for (const learnerId of learners) await joinCohort(db, second.id, learnerId);
	const small = await createCohort(db, admin.id, 'Najaarsgroep 2026');
	for (const learnerId of learners.slice(1)) await joinCohort(db, small.id, learnerId);

	const scale = course.practice.selfEfficacy;
	const [low, high] = [scale?.scale.min ?? 1, scale?.scale.max ?? 7];
	for (const [i, learnerId] of learners.entries()) {
		for (const phase of ['pre', 'post'] as const) {
			const drills = drillsOfForm(course.practice.drills, formFor(learnerId, phase));
			if (drills.length === 0) continue;
			const confidence = 2.2 + 2.6 * seeded(`confidence:${i}`) + (phase === 'post' ? 0.3 + 1.0 * seeded(`confidence-gain:${i}`) : 0);
			const answers = Object.fromEntries(
				(scale?.items ?? []).map((item) => [item.id, clamp(confidence + 1.6 * (seeded(`item:${i}:${phase}:${item.id}`) - 0.5), low, high)])
			);
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
		.where(inArray(testResponses.learnerId, learners))
		.orderBy(testResponses.responseId);
	const perTest = new Map<string, number>();
	for (const r of responses) {
		if (r.phase === 'retention') continue;
		const learner = learners.indexOf(r.learnerId);
		const test = `${learner}:${r.phase}`;
		const drill = perTest.get(test) ?? 0;
		perTest.set(test, drill + 1);
		await submitRating(db, supervisor, r.id, { scores: demoScores(learner, r.phase, String(drill), 'supervisor'), comment: COMMENT, calibrated: true });
		if (drill < 2) await submitRating(db, admin, r.id, { scores: demoScores(learner, r.phase, String(drill), 'admin'), comment: COMMENT, calibrated: true });
	}
	await seedRatedPractice(db, course, ids, supervisor);
}

/** A practice response shared with the supervisor and rated, with the trainee's reply; one shared with the group, rated by two peers. */
async function seedRatedPractice(db: Db, course: Course, ids: Record<string, string>, supervisor: User): Promise<void> {
	const [drill, groupDrill] = course.practice.drills.filter((d) => d.pool === 'practice');
	const halfway = ids.halfway;
	if (!drill || !halfway) return;
	const { id } = await saveResponse(db, halfway, drill, {
		body: 'Ik zie je ogen vochtig worden. Wat gebeurt er nu bij je?',
		bodyNote: null,
		place: 'practice'
	});
	await shareResponse(db, halfway, id, { visibility: 'supervisor' });
	await submitRating(db, supervisor, id, {
		scores: Object.fromEntries(PRACTICE_SKILLS.map((s, j) => [s, 3 + (j % 3 === 0 ? 1 : 0)])),
		comment: 'Mooi dat je benoemt wat je ziet en een open vraag stelt. Je mag de stilte daarna nog iets langer laten duren.',
		calibrated: true
	});
	const [rating] = await db.select({ id: responseRatings.id }).from(responseRatings).where(eq(responseRatings.responseId, id));
	if (rating) await replyToRating(db, halfway, rating.id, 'Dank je. Die stilte vind ik spannend; ik ga het proberen.');

	// Peers: the finished trainee (who shows her name in the group) calibrated first; the new trainee has not.
	const [finished, fresh] = [ids.finished, ids.new];
	if (!groupDrill || !ids.group || !finished || !fresh) return;
	const shared = await saveResponse(db, halfway, groupDrill, {
		body: 'Je hoeft je tranen niet weg te slikken. Ik wacht even met je.',
		bodyNote: null,
		place: 'practice'
	});
	await shareResponse(db, halfway, shared.id, { visibility: 'group', groupId: ids.group, named: true });
	await calibrate(db, finished, 'peer', course.practice.calibration);
	for (const [peerId, calibrated, base] of [
		[finished, true, 3],
		[fresh, false, 4]
	] as const) {
		const [peer] = await db.select().from(users).where(eq(users.id, peerId));
		if (peer)
			await submitRating(db, peer, shared.id, {
				scores: Object.fromEntries(PRACTICE_SKILLS.map((s, j) => [s, clamp(base + (j % 2), 1, 5)])),
				comment: 'Fijn hoe je ruimte geeft zonder haast.',
				calibrated
			});
	}
}
