/**
 * The benchmark's population for the features of issues 15 to 17, added to a population from seed.ts: drill
 * responses with their self-ratings and FSRS cards (some shared with the supervisor, who rates them), the
 * performance tests at pre, post and retention with rated test responses and self-efficacy answers (two raters
 * per response, so the cohort report has agreement to compute), final test attempts and certificates.
 * Deterministic for a given seed; written in bulk through the drizzle schema.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/lib/server/db';
import {
	certificates,
	drillResponses,
	performanceTests,
	practiceCards,
	practiceLevels,
	responseRatings,
	selfEfficacyAnswers,
	testAttemptItems,
	testAttempts,
	testResponses,
	TEST_PHASES,
	type SkillRatings
} from '../../src/lib/server/db/schema';
import type { Course } from '../../src/lib/server/content/build';
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import { drawItems } from '../../src/lib/server/assessment/draw';
import { newCertificateNumber } from '../../src/lib/server/certificates/number';
import { drillsOfForm, formFor } from '../../src/lib/server/rating/performance';
import { rng, type Population } from './seed';

const DAY = 24 * 60 * 60 * 1000;
const MAX_PARAMS = 60_000;

async function bulk<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
	if (rows.length === 0) return;
	const size = Math.max(1, Math.floor(MAX_PARAMS / Object.keys(getTableColumns(table)).length));
	for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

/** What the scenarios of the new pages need to know of one learner. */
export type PracticeOf = { drillId: string | null; attempt: number | null; certificate: string | null };

const ANSWER =
	'Ik zie dat dit je raakt. Neem gerust de tijd; ik blijf hier bij je. Wat gebeurt er nu in je, terwijl de tranen komen? We hoeven niet verder voordat jij dat wilt.';

/** Adds practice, ratings, tests and certificates to `population`; returns per learner what the scenarios ask for. */
export async function addPractice(db: Db, course: Course, population: Population, seed: number): Promise<Map<string, PracticeOf>> {
	const r = rng(seed);
	const now = Date.now();
	const pick = <T>(list: readonly T[]): T | undefined => list[Math.floor(r() * list.length)];
	const practice = course.practice.drills.filter((d) => d.pool === 'practice');
	const skillsOf = (ids: readonly string[]): SkillRatings => Object.fromEntries(ids.map((s) => [s, 1 + Math.floor(r() * 5)]));
	const rubric = PRACTICE_SKILLS;
	const efficacy = course.practice.selfEfficacy?.items.map((i) => i.id) ?? [];
	const test = course.test;
	const out = new Map<string, PracticeOf>();

	type Response = typeof drillResponses.$inferInsert & { test?: { phase: (typeof TEST_PHASES)[number]; raters: string[] } };
	const responses: Response[] = [];
	const cards: (typeof practiceCards.$inferInsert)[] = [];
	const levels: (typeof practiceLevels.$inferInsert)[] = [];
	const tests: (typeof performanceTests.$inferInsert)[] = [];
	const answers: (typeof selfEfficacyAnswers.$inferInsert)[] = [];
	const attempts: { row: typeof testAttempts.$inferInsert; items: Omit<typeof testAttemptItems.$inferInsert, 'attemptId'>[] }[] = [];
	const issued: (typeof certificates.$inferInsert)[] = [];

	const supervisorOf = new Map<string, string>();
	const perCohort = Math.max(1, Math.round(population.learners.length / Math.max(1, population.supervisors.length)));
	population.learners.forEach((l, i) => supervisorOf.set(l.id, population.supervisors[Math.floor(i / perCohort)]?.id ?? ''));

	population.learners.forEach((learner, i) => {
		const supervisor = supervisorOf.get(learner.id) ?? '';
		// A peer in the same cohort as the second rater of test responses (calibrated, so the agreement counts).
		const peer = population.learners[i % perCohort === 0 ? i + 1 : i - 1]?.id ?? supervisor;
		const at = (daysAgo: number) => new Date(now - daysAgo * DAY - Math.floor(r() * DAY));
		// Practice: up to 8 drills, most self-rated, some shared with the supervisor; a card for each rated one.
		const practised = practice.filter(() => r() < 0.2).slice(0, 8);
		for (const drill of practised) {
			const rated = r() < 0.8;
			const submittedAt = at(5 + Math.floor(r() * 40));
			responses.push({
				learnerId: learner.id,
				drillId: drill.id,
				body: ANSWER,
				bodyNote: r() < 0.5 ? 'Warm in mijn borst, keel wat dicht.' : null,
				contentVersion: drill.version,
				viewedAt: new Date(submittedAt.getTime() - 90_000),
				submittedAt,
				seconds: 90,
				ratings: rated ? skillsOf(drill.skills) : null,
				difficulty: rated ? (pick(['too-easy', 'about-right', 'too-hard'] as const) ?? 'about-right') : null,
				ratedAt: rated ? submittedAt : null,
				visibility: r() < 0.4 ? 'supervisor' : 'private'
			});
			if (rated) {
				const due = new Date(now + (r() < 0.4 ? -1 : 1) * Math.floor(1 + r() * 10) * DAY);
				cards.push({
					learnerId: learner.id,
					drillId: drill.id,
					card: { due: due.toISOString(), stability: 3, difficulty: 5, reps: 1, state: 2 },
					due,
					reps: 1
				});
			}
		}
		if (practised.length > 0) levels.push({ learnerId: learner.id, level: 1 + Math.min(7, Math.floor(practised.length / 2)) });
		// Performance tests: pre for most, post for fewer, retention for fewer still; each rated by the supervisor and a peer.
		for (const [phase, share, daysAgo] of [
			['pre', 0.9, 60],
			['post', 0.7, 20],
			['retention', 0.5, 2]
		] as const) {
			if (r() >= share) break;
			const form = formFor(learner.id, phase);
			const completedAt = at(daysAgo);
			tests.push({ learnerId: learner.id, phase, form, startedAt: completedAt, completedAt });
			for (const drill of drillsOfForm(course.practice.drills, form))
				responses.push({
					learnerId: learner.id,
					drillId: drill.id,
					body: ANSWER,
					contentVersion: drill.version,
					viewedAt: completedAt,
					submittedAt: completedAt,
					seconds: 120,
					visibility: 'supervisor',
					test: { phase, raters: r() < 0.8 ? [supervisor, peer] : [supervisor] }
				});
			for (const itemId of efficacy) answers.push({ learnerId: learner.id, phase, itemId, value: 1 + Math.floor(r() * 7), answeredAt: completedAt });
		}
		// The final test: a third of the learners submitted an attempt; a third of those hold a certificate.
		let attempt: number | null = null;
		let certificate: string | null = null;
		if (test && r() < 0.35) {
			attempt = 1;
			const drawn = drawItems(test.byModule, test.perModule, new Map(), (below) => Math.floor(r() * below));
			const correct = drawn.filter(() => r() < 0.8).length;
			const submittedAt = at(3);
			attempts.push({
				row: {
					learnerId: learner.id,
					attempt,
					startedAt: new Date(submittedAt.getTime() - 30 * 60_000),
					submittedAt,
					correct,
					total: drawn.length,
					score: Math.round((100 * correct) / Math.max(1, drawn.length)),
					passed: correct >= 0.7 * drawn.length,
					passMark: 70,
					contentVersion: test.version
				},
				items: drawn.map((d, position) => ({ ...d, position, answer: d.optionOrder[0] ?? null, answeredAt: submittedAt, correct: r() < 0.8 }))
			});
			if (r() < 0.35) {
				certificate = newCertificateNumber();
				issued.push({
					number: certificate,
					learnerId: learner.id,
					holder: `D. Deelnemer ${i}`,
					courseTitle: 'Ontroerd',
					contentVersion: test.version,
					issuedAt: submittedAt
				});
			}
		}
		out.set(learner.id, { drillId: practised[0]?.id ?? null, attempt, certificate });
	});

	// Responses first (serial ids), then the test links and the ratings that point at them.
	for (let i = 0; i < responses.length; i += 5_000) {
		const slice = responses.slice(i, i + 5_000);
		const ids = await db
			.insert(drillResponses)
			.values(slice.map(({ test: _test, ...row }) => row))
			.returning({ id: drillResponses.id });
		const links: (typeof testResponses.$inferInsert)[] = [];
		const ratings: (typeof responseRatings.$inferInsert)[] = [];
		slice.forEach((row, j) => {
			const id = ids[j]?.id;
			if (id === undefined || !row.test) return;
			links.push({ responseId: id, learnerId: row.learnerId, phase: row.test.phase });
			for (const raterId of new Set(row.test.raters))
				ratings.push({ responseId: id, raterId, scores: skillsOf(rubric), comment: 'Goed afgestemd; de stilte mocht langer.', calibrated: true });
		});
		await bulk(db, testResponses, links);
		await bulk(db, responseRatings, ratings);
	}
	await bulk(db, practiceCards, cards);
	await bulk(db, practiceLevels, levels);
	await bulk(db, performanceTests, tests);
	await bulk(db, selfEfficacyAnswers, answers);
	for (let i = 0; i < attempts.length; i += 2_000) {
		const slice = attempts.slice(i, i + 2_000);
		const ids = await db
			.insert(testAttempts)
			.values(slice.map((a) => a.row))
			.returning({ id: testAttempts.id });
		await bulk(
			db,
			testAttemptItems,
			slice.flatMap((a, j) => a.items.map((item) => ({ ...item, attemptId: ids[j]?.id ?? 0 })))
		);
	}
	await bulk(db, certificates, issued);
	return out;
}
