/**
 * Before the scenarios under load: the writers seeded straight into the database (one learner each, and
 * a group for the discussion stream), and what rating needs as the app stores it: each writer a complete
 * calibration round (scored as the anchors), and per ten writers a group with an author whose responses are
 * shared in it. Then `node build` started, sending to the LRS double, and every writer logged in through the form.
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
import { Writer, type WriterContent } from './writers';
import type { Lrs } from './lrs';
import { verify } from './verify';
import type { Run } from './run';

const PASSWORD = 'fault-run-password-not-secret';
/** Writers per rating group, and the responses its author shares there: more than a writer rates in a run. */
const GROUP_SIZE = 10;
const SHARED_PER_GROUP = 60;

export async function setUp(
	cluster: Cluster,
	url: string,
	sql: postgres.Sql,
	count: number,
	log: (line: string) => void,
	onStart: (app: App) => void,
	lrs: Lrs
): Promise<Run> {
	const course = loadCourse(readContentFiles('content'));
	const items = course.modules.flatMap((m) => m.items);
	const reflectionItem = items.find((i): i is Item & { type: 'reflection' } => i.type === 'reflection');
	const quiz = items.find((i): i is Quiz => i.type === 'quiz' && i.questions.some((q) => q.kind !== 'reflection'));
	const drills = course.practice.drills.filter((d) => d.pool === 'practice');
	if (!reflectionItem || !quiz || !course.test || drills.length === 0)
		throw new Error('the course lacks a reflection item, a quiz, practice drills or the final test');
	const content: WriterContent = { reflectionItem, quiz, drills, test: course.test };
	const seeding = await openServer(url, 'drizzle');
	const passwordHash = await hashPassword(PASSWORD);
	const learners = Array.from({ length: count }, (_, n) => ({ n, id: crypto.randomUUID(), email: `schrijver${n}@faults.ontroerd.nl` }));
	await seeding.db.insert(schema.users).values(learners.map((l) => ({ id: l.id, email: l.email, displayName: `Schrijver ${l.n}`, passwordHash })));
	const groupId = crypto.randomUUID();
	await seeding.db.insert(schema.groups).values({ id: groupId, name: 'Intervisie' });
	await seeding.db.insert(schema.groupMembers).values({ groupId, memberId: learners[0]!.id });
	await seeding.db
		.insert(schema.calibrationScores)
		.values(learners.flatMap((l) => course.practice.calibration.map((item) => ({ raterId: l.id, round: 1, itemId: item.id, scores: item.ratings }))));
	const toRate = new Map<string, number[]>();
	for (let g = 0; g * GROUP_SIZE < learners.length; g++) {
		const members = learners.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE);
		const author = { id: crypto.randomUUID(), email: `auteur${g}@faults.ontroerd.nl` };
		const ratingGroup = crypto.randomUUID();
		await seeding.db.insert(schema.users).values({ ...author, displayName: `Auteur ${g}`, passwordHash });
		await seeding.db.insert(schema.groups).values({ id: ratingGroup, name: `Beoordelen ${g}` });
		await seeding.db.insert(schema.groupMembers).values([author, ...members].map((m) => ({ groupId: ratingGroup, memberId: m.id })));
		const shared = await seeding.db
			.insert(schema.drillResponses)
			.values(
				Array.from({ length: SHARED_PER_GROUP }, (_, i) => {
					const drill = drills[i % drills.length]!;
					return {
						learnerId: author.id,
						drillId: drill.id,
						body: `Auteur ${g}, antwoord ${i}: ik merk dat het je raakt.`,
						contentVersion: drill.version,
						viewedAt: new Date(),
						seconds: 60,
						visibility: 'group' as const,
						groupId: ratingGroup
					};
				})
			)
			.returning({ id: schema.drillResponses.id });
		for (const m of members)
			toRate.set(
				m.id,
				shared.map((r) => r.id)
			);
	}
	await seeding.close();
	const writers = learners.map((l) => new Writer(l.n, l.id, l.email, content, [...(toRate.get(l.id) ?? [])]));

	const port = await freePort();
	const env = { DATABASE_URL: url, ...lrs.env };
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
		lrs,
		check: () => verify(sql, writers, reflectionItem.reflectionKey),
		log
	};
	return run;
}
