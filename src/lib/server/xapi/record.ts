/**
 * What the learning writes record for the LRS, called inside their transactions (progress.ts,
 * vignettes.ts, quizzes.ts). Each event has a key of its own, so a repeated write queues nothing new.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { cmi5Launches, progress } from '../db/schema';
import type { Item, Question, Quiz, Step, Vignette } from '../content';
import type { QuizAnswerValue } from '../db/schema';
import { xapiConfig, xapiCourse } from './config';
import { enqueue } from './outbox';
import { drillStatement, moduleStatement, quizAnswer, testStatement, vignetteDecision } from './statements';
import type { L } from '../content/locales';
import { cmi5Completed } from './cmi5-statements';
import { cmi5InUse } from './cmi5';

type Tx = Pick<Db, 'insert' | 'select' | 'update'>;

const moduleOf = (moduleId: string) => xapiCourse()?.modules.find((m) => m.id === moduleId);

/**
 * Whether an item's progress write has anything to record: an installation LRS, or a cmi5 launch to tell of a
 * completed module. Without either the write is the progress row alone, with no transaction of its own (issue 19).
 */
export function progressRecorded(): boolean {
	return xapiCourse() !== undefined && (xapiConfig() !== null || cmi5InUse());
}

/** After an item's progress was written: the module's first start and its completion. */
export async function recordProgress(tx: Tx, learnerId: string, item: Item): Promise<void> {
	const module = moduleOf(item.moduleId);
	if (!module) return;
	const rows = await tx
		.select({ itemId: progress.itemId, status: progress.status })
		.from(progress)
		.where(and(eq(progress.learnerId, learnerId), eq(progress.moduleId, module.id)));
	const at = new Date();
	const site = xapiConfig();
	if (site && rows.length === 1 && rows[0]?.itemId === item.id) {
		await enqueue(tx, learnerId, `module-initialized:${learnerId}:${module.id}`, moduleStatement(site, { learnerId, at }, module, 'initialized'));
	}
	const done = module.items.every((i) => rows.some((r) => r.itemId === i.id && r.status === 'completed'));
	if (!done) return;
	if (site) await enqueue(tx, learnerId, `module-completed:${learnerId}:${module.id}`, moduleStatement(site, { learnerId, at }, module, 'completed'));
	// A module launched by an LMS over cmi5 reports its completion to that launch's LRS, once per launch.
	const launches = await tx
		.update(cmi5Launches)
		.set({ completedAt: at })
		.where(
			and(eq(cmi5Launches.learnerId, learnerId), eq(cmi5Launches.moduleId, module.id), isNull(cmi5Launches.completedAt), isNull(cmi5Launches.terminatedAt))
		)
		.returning();
	for (const launch of launches) {
		const statement = cmi5Completed(launch, at);
		if (statement) await enqueue(tx, learnerId, `cmi5-completed:${launch.id}`, statement, launch.id);
	}
}

/** A choice made in a vignette: the `index`th entry of the attempt's path. */
export async function recordVignetteDecision(
	tx: Tx,
	learnerId: string,
	vignette: Vignette,
	attempt: { id: number; attempt: number },
	index: number,
	step: Step,
	choiceId: string
): Promise<void> {
	const site = xapiConfig();
	const module = moduleOf(vignette.moduleId);
	if (!site || !module) return;
	const statement = vignetteDecision(site, { learnerId, at: new Date(), attempt: attempt.attempt }, module, vignette, step, choiceId);
	await enqueue(tx, learnerId, `vignette-answered:${attempt.id}:${index}`, statement);
}

/** A quiz answer, written once per attempt and question. */
export async function recordQuizAnswer(
	tx: Tx,
	learnerId: string,
	quiz: Quiz,
	attempt: { id: number; attempt: number },
	questionId: string,
	value: QuizAnswerValue
): Promise<void> {
	const site = xapiConfig();
	const module = moduleOf(quiz.moduleId);
	const question: Question | undefined = quiz.questions.find((q) => q.id === questionId);
	if (!site || !module || !question) return;
	const statement = quizAnswer(site, { learnerId, at: new Date(), attempt: attempt.attempt }, module, quiz, question, value);
	await enqueue(tx, learnerId, `quiz-answered:${attempt.id}:${questionId}`, statement);
}

const drillOf = (drillId: string) => xapiCourse()?.practice.drills.find((d) => d.id === drillId);

/** The first view of a drill not yet answered: the start of one round of practice. */
export async function recordDrillStarted(tx: Tx, learnerId: string, drillId: string, viewedAt: Date): Promise<void> {
	const site = xapiConfig();
	const drill = drillOf(drillId);
	if (!site || !drill) return;
	const statement = drillStatement(site, { learnerId, at: viewedAt }, drill, null);
	await enqueue(tx, learnerId, `drill-initialized:${learnerId}:${drill.id}:${viewedAt.toISOString()}`, statement);
}

/** A drill response saved: the round completed, with its time (and the words only where the installation opted in). */
export async function recordDrillCompleted(tx: Tx, learnerId: string, drillId: string, response: { id: number; seconds: number; body: string }): Promise<void> {
	const site = xapiConfig();
	const drill = drillOf(drillId);
	if (!site || !drill) return;
	const statement = drillStatement(site, { learnerId, at: new Date() }, drill, response);
	await enqueue(tx, learnerId, `drill-completed:${response.id}`, statement);
}

/** A submitted attempt at the final test: passed or failed, with the score. */
export async function recordTestJudged(
	tx: Tx,
	learnerId: string,
	test: { title?: L },
	attempt: { id: number; attempt: number; correct: number; total: number; passed: boolean }
): Promise<void> {
	const site = xapiConfig();
	if (!site) return;
	const statement = testStatement(site, { learnerId, at: new Date(), attempt: attempt.attempt }, test, attempt);
	await enqueue(tx, learnerId, `test-judged:${attempt.id}`, statement);
}
