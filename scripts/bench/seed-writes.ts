/**
 * What the practice write scenarios need beyond seed.ts's population: drill responses that trainees shared with
 * their supervisor (the rating scenario rates them, each once), and a complete calibration round of that
 * supervisor, since only a calibrated rater's ratings count as such. Bulk inserts, as seed.ts's.
 */
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import type { Course } from '../../src/lib/server/content/build';
import type { Db } from '../../src/lib/server/db';
import { calibrationScores, drillResponses } from '../../src/lib/server/db/schema';
import { rng, type Learner } from './seed';

const BODY = 'Ik zie dat dit je raakt. Je mag hier even bij stilstaan; ik blijf bij je. Wat maakt dat de tranen nu komen, juist bij dit verhaal over je vader?';

/** The drills of the practice area (the performance tests' drills are not answered at /oefenen). */
export const practiceDrills = (course: Course) => course.practice.drills.filter((d) => d.pool === 'practice');

/**
 * `perLearner` responses of each learner, shared with their supervisor, and the rater's complete calibration round.
 * Returns the responses' ids in a shuffled (seeded) order.
 */
export async function addSharedResponses(db: Db, course: Course, learners: Learner[], raterId: string, perLearner: number, seed: number): Promise<number[]> {
	const r = rng(seed);
	const drills = practiceDrills(course);
	const now = Date.now();
	const rows = learners.flatMap((l) =>
		Array.from({ length: perLearner }, (_, i) => {
			const drill = drills[(i + Math.floor(r() * drills.length)) % drills.length]!;
			const at = new Date(now - Math.floor(r() * 30 * 86_400_000));
			return {
				learnerId: l.id,
				drillId: drill.id,
				body: BODY,
				contentVersion: drill.version,
				viewedAt: new Date(at.getTime() - 90_000),
				submittedAt: at,
				seconds: 90,
				visibility: 'supervisor' as const
			};
		})
	);
	const ids: number[] = [];
	// 8 columns a row: well under PostgreSQL's 65,535 parameters per statement.
	for (let i = 0; i < rows.length; i += 2000) {
		const made = await db
			.insert(drillResponses)
			.values(rows.slice(i, i + 2000))
			.returning({ id: drillResponses.id });
		ids.push(...made.map((m) => m.id));
	}
	const scores = Object.fromEntries(PRACTICE_SKILLS.map((s) => [s, 3]));
	if (course.practice.calibration.length > 0)
		await db.insert(calibrationScores).values(course.practice.calibration.map((c) => ({ raterId, round: 1, itemId: c.id, scores })));
	for (let i = ids.length - 1; i > 0; i--) {
		const j = Math.floor(r() * (i + 1));
		[ids[i], ids[j]] = [ids[j]!, ids[i]!];
	}
	return ids;
}
