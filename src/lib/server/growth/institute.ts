/**
 * The institute's growth report (/beheer/groei): every trainee of every cohort together (each counted once,
 * whatever the number of cohorts they are in), and each cohort on its own. Both go through cohortGrowth, so
 * k >= MIN_GROUP holds for the whole and for every cohort: a smaller cohort gets no figures at all.
 */
import { asc } from 'drizzle-orm';
import type { Db } from '../db';
import { cohortMembers, cohorts } from '../db/schema';
import { cohortGrowth } from './cohort';

/** Every cohort with its current members, by name. */
export async function cohortsWithMembers(db: Pick<Db, 'select'>): Promise<{ id: string; name: string; learnerIds: string[] }[]> {
	const [all, members] = await Promise.all([
		db.select({ id: cohorts.id, name: cohorts.name }).from(cohorts).orderBy(asc(cohorts.name), asc(cohorts.id)),
		db.select({ cohortId: cohortMembers.cohortId, learnerId: cohortMembers.learnerId }).from(cohortMembers)
	]);
	return all.map((c) => ({ ...c, learnerIds: members.filter((m) => m.cohortId === c.id).map((m) => m.learnerId) }));
}

/** Every cohort's learners together, and per cohort its own report (null below MIN_GROUP learners). */
export async function instituteGrowth(db: Pick<Db, 'select'>, skills: readonly string[]) {
	const all = await cohortsWithMembers(db);
	const perCohort = await Promise.all(all.map(async (c) => ({ id: c.id, name: c.name, ...(await cohortGrowth(db, c.learnerIds, skills)) })));
	return { learnerIds: [...new Set(all.flatMap((c) => c.learnerIds))], cohorts: perCohort };
}
