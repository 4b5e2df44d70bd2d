/**
 * The dashboard's own SQL, captured from the app's functions through a logging drizzle instance and
 * replayed straight through postgres.js: the database's share of a dashboard, without the server.
 */
import postgres from 'postgres';
import { drizzle } from 'drizzle-orm/postgres-js';
import * as schema from '../../src/lib/server/db/schema';
import { validateSessionToken } from '../../src/lib/server/auth/session';
import { learnerDashboard } from '../../src/lib/server/learning/dashboard';
import type { Db } from '../../src/lib/server/db';
import type { Learner } from './seed';

/** One dashboard's statements, in order: the session lookup first, then the dashboard's. */
export type Captured = { query: string; params: unknown[] }[];

export function dashboardSql(url: string) {
	// A pool as large as the app's, so the ceiling compares like with like.
	const rawSql = postgres(url, { max: Number(process.env.DATABASE_POOL_SIZE ?? 10), onnotice: () => {} });

	async function capture(learners: Learner[], tokenOf: (learnerId: string) => string): Promise<Captured[]> {
		const out: Captured[] = [];
		for (const l of learners) {
			const current: Captured = [];
			const logging = drizzle(rawSql, {
				schema,
				logger: { logQuery: (query: string, params: unknown[]) => void current.push({ query, params }) }
			}) as unknown as Db;
			await validateSessionToken(logging, tokenOf(l.id));
			await learnerDashboard(logging, l.id);
			out.push(current);
		}
		return out;
	}

	/** The session first, as the app must; the rest at once, as the dashboard sends them. */
	async function run(set: Captured): Promise<void> {
		const [first, ...rest] = set;
		if (first) await rawSql.unsafe(first.query, first.params as never[], { prepare: true });
		await Promise.all(rest.map((q) => rawSql.unsafe(q.query, q.params as never[], { prepare: true })));
	}

	/** Median database time of one dashboard, one at a time (little affected by other load on the machine). */
	async function ms(sets: Captured[]): Promise<number> {
		for (const set of sets) await run(set); // warm (plans, caches)
		const times: number[] = [];
		for (let pass = 0; pass < 3; pass++) {
			for (const set of sets) {
				const t = process.hrtime.bigint();
				await run(set);
				times.push(Number(process.hrtime.bigint() - t) / 1e6);
			}
		}
		times.sort((a, b) => a - b);
		return Math.round((times[Math.floor(times.length / 2)] ?? 0) * 1000) / 1000;
	}

	return { capture, run, ms, end: () => rawSql.end({ timeout: 2 }) };
}
