/**
 * Before the scenarios under load: the writers seeded straight into the database (one learner each, and
 * a group for the discussion stream), `node build` started, and every writer logged in through the form.
 */
import type postgres from 'postgres';
import * as schema from '../../src/lib/server/db/schema';
import { openServer } from '../../src/lib/server/db/server';
import { hashPassword } from '../../src/lib/server/auth/password';
import { readContentFiles } from '../../src/lib/server/content/fs';
import { loadCourse } from '../../src/lib/server/content/load';
import type { Item, Quiz } from '../../src/lib/server/content/build';
import { freePort } from '../lib/free-port';
import { logIn } from '../lib/login';
import { waitHealthy, type App } from '../lib/node-build';
import type { Cluster } from '../lib/pg-cluster';
import { startFaultApp } from './app';
import { Writer } from './writers';
import { verify } from './verify';
import type { Run } from './run';

const PASSWORD = 'fault-run-password-not-secret';

export async function setUp(
	cluster: Cluster,
	url: string,
	sql: postgres.Sql,
	count: number,
	log: (line: string) => void,
	onStart: (app: App) => void
): Promise<Run> {
	const course = loadCourse(readContentFiles('content'));
	const items = course.modules.flatMap((m) => m.items);
	const reflectionItem = items.find((i): i is Item & { type: 'reflection' } => i.type === 'reflection');
	const quiz = items.find((i): i is Quiz => i.type === 'quiz' && i.questions.some((q) => q.kind !== 'reflection'));
	if (!reflectionItem || !quiz) throw new Error('the course has no reflection item or no quiz to write to');
	const seeding = await openServer(url, 'drizzle');
	const passwordHash = await hashPassword(PASSWORD);
	const writers = Array.from({ length: count }, (_, n) => new Writer(n, crypto.randomUUID(), `schrijver${n}@faults.ontroerd.nl`, reflectionItem, quiz));
	await seeding.db.insert(schema.users).values(writers.map((w) => ({ id: w.learnerId, email: w.email, displayName: `Schrijver ${w.n}`, passwordHash })));
	const groupId = crypto.randomUUID();
	await seeding.db.insert(schema.groups).values({ id: groupId, name: 'Intervisie' });
	await seeding.db.insert(schema.groupMembers).values({ groupId, memberId: writers[0]!.learnerId });
	await seeding.close();

	const port = await freePort();
	const env = { DATABASE_URL: url };
	const app = startFaultApp(port, env);
	// Handed back at once, so that a failure from here on still stops the app and prints its output.
	onStart(app);
	if (!(await waitHealthy(app, 60))) throw new Error(`node build did not become healthy:\n${app.output()}`);
	for (let i = 0; i < writers.length; i += 10) {
		await Promise.all(
			writers.slice(i, i + 10).map(async (w) => {
				const login = await logIn(app.base, w.email, PASSWORD);
				if (login.status !== 303 || !login.cookie) throw new Error(`login of ${w.email} answered ${login.status}`);
				w.cookie = login.cookie;
			})
		);
	}
	log(`${writers.length} writers logged in through the form on ${app.base}`);
	const run: Run = {
		app,
		port,
		env,
		base: () => run.app.base,
		cluster,
		writers,
		groupId,
		sql,
		check: () => verify(sql, writers, reflectionItem.reflectionKey),
		log
	};
	return run;
}
