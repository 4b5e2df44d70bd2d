import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { loadCourse } from '../../src/lib/server/content/load';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { DEMO_ACCOUNTS, ensureDemo } from '../../src/lib/server/demo';
import { findUserByEmail } from '../../src/lib/server/auth/accounts';
import { learnerProgress, summarise } from '../../src/lib/server/learning/progress';
import { cohortsOfSupervisor } from '../../src/lib/server/supervision/cohorts';
import { assignmentsOfCohort } from '../../src/lib/server/supervision/assignments';
import { groupsOf } from '../../src/lib/server/groups/groups';
import { groupResults } from '../../src/lib/server/groups/results';
import { sharedReflections } from '../../src/lib/server/groups/shared-reflections';
import { groupForMember } from '../../src/lib/server/policy';
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import { cohortGrowth } from '../../src/lib/server/growth/cohort';
import { membersOf } from '../../src/lib/server/growth/members';
import { instituteGrowth } from '../../src/lib/server/growth/institute';
import { peerCalibrations } from '../../src/lib/server/rating/peers';

const course = loadCourse(readContentFiles('content'));

describe.each(drivers)('the demo on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	beforeAll(async () => {
		database = await freshDatabase(driver);
	}, 180_000);
	afterAll(async () => database?.drop());

	it('seeds once: three trainees at three stages and a cohort with assignments in every state', async () => {
		expect(await ensureDemo(database.db, course)).toBe(true);
		expect(await ensureDemo(database.db, course)).toBe(false);
		const total = course.modules.reduce((n, m) => n + m.items.length, 0);
		const done = async (email: string) => {
			const user = await findUserByEmail(database.db, email);
			return summarise(course, await learnerProgress(database.db, user?.id ?? '')).modules.reduce((n, m) => n + m.done, 0);
		};
		const [fresh, halfway, finished] = DEMO_ACCOUNTS.filter((a) => a.role === 'trainee').map((a) => a.email);
		expect(await done(fresh ?? '')).toBe(0);
		expect(await done(halfway ?? '')).toBeGreaterThan(0);
		expect(await done(halfway ?? '')).toBeLessThan(total);
		expect(await done(finished ?? '')).toBe(total);

		const supervisor = await findUserByEmail(database.db, DEMO_ACCOUNTS[0]?.email ?? '');
		const [cohort] = await cohortsOfSupervisor(database.db, supervisor?.id ?? '');
		const statuses = new Set((await assignmentsOfCohort(database.db, course, cohort?.id ?? '')).flatMap((a) => a.learners.map((l) => l.status)));
		expect([...statuses].sort()).toEqual(['in-progress', 'late', 'not-started', 'reviewed', 'submitted']);

		// The intervision group: four members, led by the half-way trainee, a case with a chart, a shared reflection, a discussion.
		const leader = await findUserByEmail(database.db, halfway ?? '');
		if (!supervisor || !leader) throw new Error('no demo accounts');
		const [listed] = await groupsOf(database.db, supervisor.id);
		expect(listed).toMatchObject({ name: 'Intervisiegroep Tranen', members: 4, facilitator: false });
		expect((await groupsOf(database.db, leader.id))[0]?.facilitator).toBe(true);
		const group = await groupForMember(database.db, supervisor, listed?.id ?? '');
		const labels = { agree: '+', neutral: '0', disagree: '-', decision: (n: number) => `${n}`, question: (n: number) => `${n}` };
		const results = await groupResults(database.db, course, group, supervisor.id, 'nl', labels);
		expect(results?.item.moduleId).toBe(course.modules[0]?.id);
		expect(results?.questions[0]?.result).toMatchObject({ shown: true, answered: 3 });
		expect(await sharedReflections(database.db, group, results!.item, supervisor, 'nl')).toEqual([expect.objectContaining({ authorName: leader.displayName })]);
	}, 180_000);

	it("fills the demo cohort's growth report: a change with its CI on every skill, agreement between two calibrated raters", async () => {
		const supervisor = await findUserByEmail(database.db, DEMO_ACCOUNTS[0]?.email ?? '');
		const [cohort] = await cohortsOfSupervisor(database.db, supervisor?.id ?? '');
		if (!cohort) throw new Error('no demo cohort');
		const { report, agreement } = await cohortGrowth(database.db, await membersOf(database.db, cohort.id), PRACTICE_SKILLS);
		expect(report?.learners).toBe(3);
		for (const skill of report?.skills ?? []) {
			expect(skill.change?.n).toBe(3);
			expect(skill.change?.meanDifference).toBeGreaterThan(0);
			expect(skill.change?.ci).toEqual([expect.any(Number), expect.any(Number)]);
		}
		expect(report?.selfEfficacy.change?.ci).toEqual([expect.any(Number), expect.any(Number)]);
		// Not all alike: the skills' changes differ (the old demo gave every skill the same rise).
		expect(new Set(report?.skills.map((s) => s.change?.meanDifference.toFixed(3))).size).toBeGreaterThan(1);
		for (const a of agreement) {
			expect(a.raters).toBe(2);
			expect(a.responses).toBeGreaterThanOrEqual(2);
			expect(a.alpha).toEqual(expect.any(Number));
			expect(a.icc).toEqual(expect.any(Number));
		}

		// The institute's report: every cohort's trainees together, the small cohort without figures.
		const institute = await instituteGrowth(database.db, PRACTICE_SKILLS);
		expect(institute.learnerIds).toHaveLength(3);
		expect(institute.cohorts.map((c) => [c.name, c.report?.learners ?? null])).toEqual([
			['Najaarsgroep 2026', null],
			['Opleidingsgroep GZ 2026', 3],
			['Tweede beoordeling GZ 2026', 3]
		]);

		// Peers of the group-shared response: the finished trainee by name, calibrated; the new trainee unnamed, not calibrated.
		const peers = await peerCalibrations(database.db, cohort, course.practice.calibration);
		const [, , finished] = DEMO_ACCOUNTS.filter((a) => a.role === 'trainee');
		expect(peers).toEqual([
			{ name: finished?.name, rated: 1, calibration: expect.objectContaining({ at: expect.any(Date), withinOne: expect.any(Number) }) },
			{ name: null, rated: 1, calibration: null }
		]);
	}, 60_000);
});
