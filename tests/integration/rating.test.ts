/**
 * Rated practice (issue 16) against a real database: the rater's view is blinded (no name, no date, no self-rating,
 * no place), only the supervisor a response was shared with or the group it was shared with may rate it (never
 * its author), the trainee replies once, and a rater's calibration is computed against the anchors.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { drill } from '../fixtures/practice';
import type { Database } from '../../src/lib/server/db';
import { accessLog, responseRatings } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/session';
import type { Calibration } from '../../src/lib/server/content';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { createGroup, joinGroup } from '../../src/lib/server/groups/groups';
import { rateResponse, saveResponse, shareResponse } from '../../src/lib/server/practice/responses';
import { ratingQueue, ratingsOfOwn, replyToRating, responseForRater, submitRating } from '../../src/lib/server/rating/ratings';
import { calibratedNow, calibrationResult, currentRound, isCalibrated, saveCalibrationScore } from '../../src/lib/server/rating/calibration';

const SKILLS = ['bij-de-emotie', 'benoemen-en-erkennen', 'client-centraal', 'regie', 'eigen-emotie', 'betekenis'] as const;
const all = (score: number) => Object.fromEntries(SKILLS.map((s) => [s, score]));

/** A calibration set of two items, anchors all 3 and all 5 (only ids and ratings matter to the computation). */
const set = [
	{ id: 'kalibratie-een', drill: 'oefening-vader', ratings: all(3) },
	{ id: 'kalibratie-twee', drill: 'oefening-vader', ratings: all(5) }
] as unknown as Calibration[];

describe.each(drivers)('rated practice on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const people: Record<string, SessionUser> = {};
	const p = (name: string): SessionUser =>
		people[name] ??
		(() => {
			throw new Error(`no ${name}`);
		})();
	const ids: Record<string, number> = {};

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const roles = {
			learner: 'trainee',
			peer: 'trainee',
			outsider: 'trainee',
			supervisor: 'supervisor',
			other: 'supervisor'
		} as const;
		for (const [name, role] of Object.entries(roles)) {
			const user = await createUser(database.db, { email: `${name}@example.nl`, displayName: `Naam-${name}`, password: 'een lange zin hier', role });
			if (!user) throw new Error('no user');
			people[name] = { id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale };
		}
		const db = database.db;
		const cohort = await createCohort(db, p('supervisor').id, 'Cohort');
		await joinCohort(db, cohort.id, p('learner').id);
		await joinCohort(db, (await createCohort(db, p('other').id, 'Ander cohort')).id, p('outsider').id);
		const group = await createGroup(db, p('learner').id, 'Groep');
		await joinGroup(db, group.id, p('peer').id);
		await createGroup(db, p('outsider').id, 'Andere groep');
		// Three responses shared with the supervisor (self-rated), one with the group, one kept private.
		for (const n of [1, 2, 3]) {
			const { id } = await saveResponse(db, p('learner').id, drill('oefening-vader'), { body: `Antwoord ${n}`, bodyNote: null, place: 'practice' });
			await rateResponse(db, p('learner').id, drill('oefening-vader'), id, { 'bij-de-emotie': 5, 'benoemen-en-erkennen': 4 }, 'about-right', new Date());
			await shareResponse(db, p('learner').id, id, { visibility: 'supervisor' });
			ids[`shared${n}`] = id;
		}
		const inGroup = await saveResponse(db, p('learner').id, drill('oefening-broer'), { body: 'In de groep', bodyNote: null, place: 'practice' });
		await shareResponse(db, p('learner').id, inGroup.id, { visibility: 'group', groupId: group.id, named: true });
		ids.group = inGroup.id;
		ids.private = (await saveResponse(db, p('learner').id, drill('oefening-broer'), { body: 'Privé', bodyNote: null, place: 'practice' })).id;
	});
	afterAll(async () => database?.drop());

	it("blinds the rater's queue and page: no name, no date, no self-rating, no place; the order is the rater's own and stays", async () => {
		const db = database.db;
		const queue = await ratingQueue(db, p('supervisor'));
		expect(queue.map((r) => r.id).sort()).toEqual([ids.shared1, ids.shared2, ids.shared3].sort());
		for (const r of queue) expect(Object.keys(r).sort()).toEqual(['drillId', 'id']);
		expect((await ratingQueue(db, p('supervisor'))).map((r) => r.id)).toEqual(queue.map((r) => r.id));
		const page = await responseForRater(db, p('supervisor'), ids.shared1 ?? 0);
		expect(page).toEqual({ id: ids.shared1, drillId: 'oefening-vader', body: 'Antwoord 1', rating: null, selfRating: null });
		const text = JSON.stringify({ queue, page });
		expect(text).not.toContain('Naam-learner');
		expect(text).not.toContain(p('learner').id);
		expect(text).not.toMatch(/practice|vignette|pre|post|retention|submitted/i);
		// The read is logged in the learner's access log.
		const reads = await db
			.select({ what: accessLog.what })
			.from(accessLog)
			.where(eq(accessLog.learnerId, p('learner').id));
		expect(reads.map((r) => r.what)).toContain(`practice:${ids.shared1}`);
	});

	it('shows the self-rating only after the rater has submitted; a rating is final; an uncalibrated rating is marked so', async () => {
		const db = database.db;
		const id = ids.shared1 ?? 0;
		expect(await submitRating(db, p('supervisor'), id, { scores: all(2), comment: 'Blijf er langer bij.', calibrated: false })).toBe('saved');
		expect(await submitRating(db, p('supervisor'), id, { scores: all(5), comment: 'Anders', calibrated: true })).toBe('already');
		const page = await responseForRater(db, p('supervisor'), id);
		expect(page?.rating).toEqual({ scores: all(2), comment: 'Blijf er langer bij.', reply: null });
		expect(page?.selfRating).toEqual({ 'bij-de-emotie': 5, 'benoemen-en-erkennen': 4 });
		expect((await ratingQueue(db, p('supervisor'))).map((r) => r.id)).not.toContain(id);
		const [stored] = await db.select().from(responseRatings).where(eq(responseRatings.responseId, id));
		expect(stored?.calibrated).toBe(false);
	});

	it('refuses another supervisor, another group, the learner themself and a peer outside the share', async () => {
		const db = database.db;
		const comment = { scores: all(3), comment: 'x', calibrated: true };
		for (const who of ['other', 'outsider', 'learner', 'peer']) {
			expect(await responseForRater(db, p(who), ids.shared2 ?? 0), who).toBeNull();
			expect(await submitRating(db, p(who), ids.shared2 ?? 0, comment), who).toBe('refused');
		}
		for (const who of ['supervisor', 'other', 'outsider', 'learner']) {
			expect(await responseForRater(db, p(who), ids.group ?? 0), who).toBeNull();
			expect(await submitRating(db, p(who), ids.group ?? 0, comment), who).toBe('refused');
		}
		for (const who of ['supervisor', 'peer', 'other', 'outsider', 'learner'])
			expect(await submitRating(db, p(who), ids.private ?? 0, comment), who).toBe('refused');
		expect(await ratingQueue(db, p('learner'))).toEqual([]);
		expect(await ratingQueue(db, p('other'))).toEqual([]);
		expect(await ratingQueue(db, p('outsider'))).toEqual([]);
		// The group's peer may rate the response shared with the group.
		expect((await ratingQueue(db, p('peer'))).map((r) => r.id)).toEqual([ids.group]);
		expect(await submitRating(db, p('peer'), ids.group ?? 0, comment)).toBe('saved');
	});

	it('lets the learner read the rating beside their own and reply once; nobody else replies', async () => {
		const db = database.db;
		const [rating] = await ratingsOfOwn(db, p('learner').id, 'oefening-vader');
		expect(rating).toMatchObject({ rater: 'Naam-supervisor', comment: 'Blijf er langer bij.', scores: all(2), reply: null });
		const id = rating?.id ?? 0;
		expect(await replyToRating(db, p('peer').id, id, 'Niet van mij')).toBe(false);
		expect(await replyToRating(db, p('supervisor').id, id, 'Ook niet')).toBe(false);
		expect(await replyToRating(db, p('learner').id, id, 'Dank, ik probeer het.')).toBe(true);
		expect(await replyToRating(db, p('learner').id, id, 'Nog iets')).toBe(false);
		const [after] = await ratingsOfOwn(db, p('learner').id, 'oefening-vader');
		expect(after?.reply).toBe('Dank, ik probeer het.');
		expect(await ratingsOfOwn(db, p('peer').id, 'oefening-vader')).toEqual([]);
	});

	it('computes calibration against the anchors once a round is complete, and a re-calibration replaces it', async () => {
		const db = database.db;
		const rater = p('supervisor').id;
		// The form a rating's insert evaluates (calibratedNow) must agree with isCalibrated at every point.
		const calibratedInSql = async () => (await db.select({ yes: calibratedNow(rater, set) }).from(sql`(select 1) as one`))[0]?.yes;
		expect(await isCalibrated(db, rater, set)).toBe(false);
		expect(await calibratedInSql()).toBe(false);
		expect(await calibrationResult(db, rater, set)).toBeNull();
		// Round 1: item one exactly on the anchor (3), item two two points low (3 against 5).
		await saveCalibrationScore(db, rater, 1, 'kalibratie-een', all(3));
		expect(await isCalibrated(db, rater, set)).toBe(false);
		expect(await calibratedInSql()).toBe(false);
		await saveCalibrationScore(db, rater, 1, 'kalibratie-twee', all(3));
		await saveCalibrationScore(db, rater, 1, 'kalibratie-twee', all(5)); // a second post keeps the first
		expect(await isCalibrated(db, rater, set)).toBe(true);
		expect(await calibratedInSql()).toBe(true);
		const first = await calibrationResult(db, rater, set);
		expect(first?.round).toBe(1);
		expect(first?.overall).toEqual({ n: 12, exact: 0.5, withinOne: 0.5, meanAbsoluteDifference: 1, meanDifference: -1 });
		expect(first?.perSkill).toHaveLength(6);
		expect(first?.perSkill[0]).toMatchObject({ skill: 'bij-de-emotie', n: 2, exact: 0.5, meanDifference: -1 });
		// Round 2, only partly done, leaves round 1 in force; once complete, it counts.
		await saveCalibrationScore(db, rater, 2, 'kalibratie-een', all(4));
		expect((await currentRound(db, rater)).round).toBe(2);
		expect((await calibrationResult(db, rater, set))?.round).toBe(1);
		await saveCalibrationScore(db, rater, 2, 'kalibratie-twee', all(5));
		const second = await calibrationResult(db, rater, set);
		expect(second?.round).toBe(2);
		expect(second?.overall).toEqual({ n: 12, exact: 0.5, withinOne: 1, meanAbsoluteDifference: 0.5, meanDifference: 0.5 });
	});
});
