/**
 * The statements of the two pages whose growth from 200 to 20,000 learners issue 19 asks for, captured from the
 * app's own functions through a logging drizzle instance (as dashboard-sql.ts does): a learner's practice due list
 * (/oefenen) and the cohort growth report of the supervisor's 200 trainees. EXPLAIN ANALYZE runs them (explain.ts).
 */
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../../src/lib/server/db/schema';
import type { Db } from '../../src/lib/server/db';
import type { Course } from '../../src/lib/server/content/build';
import { PRACTICE_SKILLS } from '../../src/lib/server/content/schema';
import { practiceToday } from '../../src/lib/server/practice/today';
import { cohortGrowthOf } from '../../src/lib/server/growth/cohort';
import type { Captured } from './dashboard-sql';

export async function growthPageSql(url: string, course: Course, learnerId: string, cohortId: string): Promise<{ practice: Captured; report: Captured }> {
	const rawSql = postgres(url, { max: 1, onnotice: () => {} });
	try {
		const logged = async (run: (db: Db) => Promise<unknown>): Promise<Captured> => {
			const current: Captured = [];
			const db = drizzle(rawSql, { schema, logger: { logQuery: (query: string, params: unknown[]) => void current.push({ query, params }) } }) as unknown as Db;
			await run(db);
			return current;
		};
		return {
			practice: await logged((db) => practiceToday(db, learnerId, course.practice.drills, new Date())),
			report: await logged((db) => cohortGrowthOf(db, cohortId, PRACTICE_SKILLS))
		};
	} finally {
		await rawSql.end({ timeout: 2 });
	}
}
