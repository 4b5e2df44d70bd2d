/**
 * Deliberate practice (issue 15) against a real database: a response saved once with its write key, the FSRS card
 * bringing a drill back as due, the rung moved by the difficulty rule, and a shared response readable by exactly
 * the people it was shared with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { drill, practiceCourse } from '../fixtures/practice';
import type { Database } from '../../src/lib/server/db';
import { accessLog, drillResponses, drillViews, practiceCards } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { createGroup, joinGroup } from '../../src/lib/server/groups/groups';
import { drillResponsesReadableBy } from '../../src/lib/server/policy';
import { historyOf, levelOf, rateResponse, recordView, saveResponse, shareResponse } from '../../src/lib/server/practice/responses';
import { practiceToday } from '../../src/lib/server/practice/today';
import { sharedResponses } from '../../src/lib/server/practice/shared';

const DAY = 86_400_000;
const drills = practiceCourse.practice.drills;

describe.each(drivers)('practice on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const people: Record<string, SessionUser> = {};
	const p = (name: string): SessionUser =>
		people[name] ??
		(() => {
			throw new Error(`no ${name}`);
		})();

	beforeAll(async () => {
		database = await freshDatabase(driver);
		const roles = { learner: 'trainee', peer: 'trainee', outsider: 'trainee', supervisor: 'supervisor', other: 'supervisor' } as const;
		for (const [name, role] of Object.entries(roles)) {
			const user = await createUser(database.db, { email: `${name}@example.nl`, displayName: name, password: 'een lange zin hier', role });
			if (!user) throw new Error('no user');
			people[name] = { id: user.id, email: user.email, displayName: user.displayName, role: user.role, locale: user.locale };
		}
	});
	afterAll(async () => database?.drop());

	it('saves a response once when it is retried with its write key, with the seconds since the first view', async () => {
		const db = database.db;
		await recordView(db, p('learner').id, 'oefening-vader');
		// The first view a minute and a half ago: the save takes its time from there.
		const viewedAt = new Date(Date.now() - 90_000);
		await db
			.update(drillViews)
			.set({ viewedAt })
			.where(eq(drillViews.learnerId, p('learner').id));
		await recordView(db, p('learner').id, 'oefening-vader');
		const input = { body: 'Ik zie dat het je raakt.', bodyNote: 'Een brok in mijn keel', place: 'practice' as const, writeKey: 'practice-key-000000001' };
		const first = await saveResponse(db, p('learner').id, drill('oefening-vader'), input);
		const again = await saveResponse(db, p('learner').id, drill('oefening-vader'), { ...input, body: 'iets anders' });
		expect(again.id).toBe(first.id);
		const rows = await historyOf(db, p('learner').id, 'oefening-vader');
		expect(rows.map((r) => [r.body, r.bodyNote, r.visibility])).toEqual([['Ik zie dat het je raakt.', 'Een brok in mijn keel', 'private']]);
		expect(rows[0]?.seconds).toBeGreaterThanOrEqual(90);
		expect(rows[0]?.viewedAt.getTime()).toBe(viewedAt.getTime());
		// The open view is used up by the save: the next view starts a new clock.
		expect(
			await db
				.select()
				.from(drillViews)
				.where(eq(drillViews.learnerId, p('learner').id))
		).toEqual([]);
	});

	it('brings a rated drill back as due once the clock has moved, and not before', async () => {
		const db = database.db;
		const learner = p('learner').id;
		const [response] = await historyOf(db, learner, 'oefening-vader');
		const now = new Date();
		await rateResponse(db, learner, drill('oefening-vader'), response?.id ?? 0, { 'bij-de-emotie': 3, 'benoemen-en-erkennen': 3 }, 'about-right', now);
		let today = await practiceToday(db, learner, drills, now);
		expect(today.due.map((d) => d.id)).toEqual([]);
		expect(today.marks.get('oefening-vader')).toEqual({ done: true, due: false });
		expect(today.next?.id).toBe('oefening-moeder');
		today = await practiceToday(db, learner, drills, new Date(now.getTime() + 60 * DAY));
		expect(today.due.map((d) => d.id)).toEqual(['oefening-vader']);
		expect(today.count).toBe(2);
		// Rating the same response again corrects it but is no second review.
		const [card] = await db.select().from(practiceCards).where(eq(practiceCards.learnerId, learner));
		await rateResponse(db, learner, drill('oefening-vader'), response?.id ?? 0, { 'bij-de-emotie': 5, 'benoemen-en-erkennen': 5 }, 'too-easy', now);
		const [same] = await db.select().from(practiceCards).where(eq(practiceCards.learnerId, learner));
		expect(same?.reps).toBe(card?.reps);
		expect(same?.due).toEqual(card?.due);
	});

	it('moves the learner up a rung when a drill on their rung was too easy, and down when too hard', async () => {
		const db = database.db;
		const learner = p('learner').id;
		expect(await levelOf(db, learner)).toBe(1);
		const saved = await saveResponse(db, learner, drill('oefening-moeder'), { body: 'Neem de tijd.', bodyNote: null, place: 'vignette' });
		expect(
			await rateResponse(db, learner, drill('oefening-moeder'), saved.id, { 'bij-de-emotie': 4, 'benoemen-en-erkennen': 5 }, 'too-easy', new Date())
		).toEqual({
			level: 2
		});
		expect((await practiceToday(db, learner, drills, new Date())).next?.id).toBe('oefening-broer');
		const hard = await saveResponse(db, learner, drill('oefening-broer'), { body: 'Eh.', bodyNote: null, place: 'practice' });
		await rateResponse(db, learner, drill('oefening-broer'), hard.id, { 'bij-de-emotie': 3, 'benoemen-en-erkennen': 3 }, 'too-hard', new Date());
		expect(await levelOf(db, learner)).toBe(1);
		// Someone else's response cannot be rated through this learner's id.
		expect(await rateResponse(db, p('peer').id, drill('oefening-broer'), hard.id, { regie: 1 }, 'too-hard', new Date())).toBeNull();
	});

	it('reviews the card once when the same first rating is posted twice at once (a double click, a retry)', async () => {
		const db = database.db;
		const learner = p('outsider').id;
		const saved = await saveResponse(db, learner, drill('oefening-vader'), { body: 'Ik zie je.', bodyNote: null, place: 'practice' });
		const rate = () => rateResponse(db, learner, drill('oefening-vader'), saved.id, { 'bij-de-emotie': 4, 'benoemen-en-erkennen': 4 }, 'too-easy', new Date());
		const answers = await Promise.all([rate(), rate()]);
		expect(answers).toEqual([{ level: 2 }, { level: 2 }]);
		const cards = await db.select().from(practiceCards).where(eq(practiceCards.learnerId, learner));
		expect(cards.map((c) => [c.drillId, c.reps])).toEqual([['oefening-vader', 1]]);
		expect(await levelOf(db, learner)).toBe(2);
	});

	it('shows a shared response to exactly the people it is shared with, and logs their reads', async () => {
		const db = database.db;
		const cohort = await createCohort(db, p('supervisor').id, 'Cohort');
		await joinCohort(db, cohort.id, p('learner').id);
		const group = await createGroup(db, p('learner').id, 'Groep');
		await joinGroup(db, group.id, p('peer').id);
		const otherGroup = await createGroup(db, p('outsider').id, 'Andere groep');
		const [response] = await historyOf(db, p('learner').id, 'oefening-vader');
		const id = response?.id ?? 0;
		const readers = async () => {
			const who: string[] = [];
			for (const name of Object.keys(people)) {
				const rows = await db
					.select({ id: drillResponses.id })
					.from(drillResponses)
					.where(drillResponsesReadableBy(p(name)));
				if (rows.some((r) => r.id === id)) who.push(name);
			}
			return who.sort();
		};
		expect(await readers()).toEqual(['learner']);
		await shareResponse(db, p('learner').id, id, { visibility: 'supervisor' });
		expect(await readers()).toEqual(['learner', 'supervisor']);
		expect((await sharedResponses(db, p('supervisor'), { learnerId: p('learner').id })).map((r) => r.id)).toEqual([id]);
		expect(await sharedResponses(db, p('other'), { learnerId: p('learner').id })).toEqual([]);
		await shareResponse(db, p('learner').id, id, { visibility: 'group', groupId: group.id, named: false });
		expect(await readers()).toEqual(['learner', 'peer']);
		expect((await sharedResponses(db, p('peer'), { groupId: group.id })).map((r) => r.id)).toEqual([id]);
		expect(await sharedResponses(db, p('outsider'), { groupId: otherGroup.id })).toEqual([]);
		expect(await sharedResponses(db, p('outsider'), { groupId: group.id })).toEqual([]);
		// A peer cannot share the learner's response.
		expect(await shareResponse(db, p('peer').id, id, { visibility: 'private' })).toBe(false);
		const reads = await db
			.select({ viewer: accessLog.viewerId, what: accessLog.what })
			.from(accessLog)
			.where(eq(accessLog.learnerId, p('learner').id));
		expect(reads).toEqual([
			{ viewer: p('supervisor').id, what: `practice:${id}` },
			{ viewer: p('peer').id, what: `practice:${id}` }
		]);
	});
});
