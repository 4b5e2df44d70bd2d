/**
 * How long the study-time medians take to compute (medianStudyTimes) with LEARNERS learners (default
 * 20,000) spread over the course: `npx tsx scripts/bench/study-time-medians.ts [pglite|postgres]`.
 * `postgres` starts a private throwaway cluster (scripts/lib/pg-cluster.ts); nothing else is touched.
 * Pages read the medians through a 10-minute cache (pageStudyTimes), so this is the cost of a refresh.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsPath, type Database } from '../../src/lib/server/db';
import { openEmbedded } from '../../src/lib/server/db/embedded';
import { openServer } from '../../src/lib/server/db/server';
import { createCluster, findPgBin } from '../lib/pg-cluster';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import { medianStudyTimes } from '../../src/lib/server/learning/study-time';

const LEARNERS = Number(process.env.LEARNERS ?? 20000);
const course = loadCourse(readContentFiles('content'));
const items = [...course.items.values()];

async function seed(database: Database) {
	const db = database.db;
	await db.execute(
		sql.raw(
			`insert into users (id, email, display_name, password_hash) select 'u' || g, 'u' || g || '@x.nl', 'U' || g, 'x' from generate_series(1, ${LEARNERS}) g`
		)
	);
	const ids = items.map((i) => `('${i.id}', '${i.moduleId}', ${items.indexOf(i)})`).join(',');
	await db.execute(
		sql.raw(`insert into progress (learner_id, module_id, item_id, status, content_version)
		select 'u' || g, i.module_id, i.item_id, case when i.n < (g % 40) then 'completed' else 'started' end, 'v'
		from generate_series(1, ${LEARNERS}) g cross join (values ${ids}) as i(item_id, module_id, n) where i.n <= (g % 40)`)
	);
	await db.execute(
		sql.raw(`insert into study_time (learner_id, item_id, beat_seconds, beat_at)
		select learner_id, item_id, 60 + (hashtext(learner_id || item_id) & 2047), now() from progress`)
	);
	await db.execute(sql.raw('vacuum analyze'));
}

async function time(database: Database, label: string) {
	const module = course.modules[2]!;
	for (const [name, ids] of [
		['one item', [module.items[0]!.id]],
		[`a module (${module.items.length} items)`, module.items.map((i) => i.id)]
	] as const) {
		const ms: number[] = [];
		for (let i = 0; i < 15; i++) {
			const t = performance.now();
			await medianStudyTimes(database.db, [...ids]);
			ms.push(performance.now() - t);
		}
		ms.sort((a, b) => a - b);
		console.log(`${label}, ${LEARNERS} learners, ${name}: median ${ms[7]!.toFixed(1)} ms, min ${ms[0]!.toFixed(1)} ms`);
	}
}

if ((process.argv[2] ?? 'pglite') === 'pglite') {
	const database = await openEmbedded(join(mkdtempSync(join(tmpdir(), 'st-measure-')), 'pg'), migrationsPath());
	await seed(database);
	await time(database, 'PGlite');
	await database.close();
} else {
	const found = findPgBin();
	if (!('bin' in found)) throw new Error(found.missing);
	const cluster = await createCluster(found.bin);
	try {
		const database = await openServer(cluster.url(), migrationsPath());
		await seed(database);
		await time(database, 'PostgreSQL');
		await database.close();
	} finally {
		cluster.destroy();
	}
}
