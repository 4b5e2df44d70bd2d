/**
 * What the course owner (and the accreditation dossier) reads about the final test (issue 17): the item
 * analysis, the evaluation results aggregated from at least EVALUATION_MIN_K learners, and the study load
 * (stated against measured against self-reported). Statistics from simple-statistics.
 */
import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import { interquartileRange, median, quantile, sampleCorrelation } from 'simple-statistics';
import type { Db } from '../db';
import { progress, studyTime, testAttemptItems, testAttempts, testEvaluations } from '../db/schema';
import type { Course, Test } from '../content';
import { EVALUATION_RATINGS, type EvaluationRating } from './evaluation';

/** The thresholds an item is flagged at; see README "Final test". */
export const FLAGS = {
	/** Below this share correct an item is too hard (or its key wrong); above the next too easy to tell anyone apart. */
	tooHard: 0.2,
	tooEasy: 0.95,
	/** An item whose correlation with the rest of the test is below this measures something else (or nothing). */
	itemRest: 0.1,
	/** A distractor nobody chose after this many attempts does not distract. */
	unusedDistractorAfter: 20,
	/** p and item-rest are not judged on fewer attempts than this: one or two answers say nothing. */
	minAttempts: 5
} as const;
export type Flag = 'too-hard' | 'too-easy' | 'low-item-rest' | 'unused-distractor';

/** Results shown only from this many learners, so no single learner's answers can be read off. */
export const EVALUATION_MIN_K = 3;

export type ItemStats = {
	itemId: string;
	moduleId: string;
	kind: string;
	objective: number;
	attempts: number;
	/** Share correct, 0..1; null before any attempt. */
	p: number | null;
	/** Point-biserial correlation of the item (0/1) with the rest score (the attempt's other items correct); null where undefined. */
	itemRest: number | null;
	/** How often each option was chosen (in the content's order), and how often the item was left unanswered. */
	options: { id: string; correct: boolean; chosen: number }[];
	unanswered: number;
	flags: Flag[];
};

type Row = { attemptId: number; itemId: string; answer: string | null; correct: boolean | null };

/** Pure: the statistics of one item from the submitted attempts' rows (all items of those attempts). */
export function itemStats(item: Test['items'] extends Map<string, infer I> ? I : never, rows: Row[], attemptCorrect: Map<number, number>): ItemStats {
	const mine = rows.filter((r) => r.itemId === item.id);
	const x = mine.map((r): number => (r.correct ? 1 : 0));
	const rest = mine.map((r, i) => (attemptCorrect.get(r.attemptId) ?? 0) - x[i]!);
	const n = mine.length;
	const p = n ? x.reduce((a, b) => a + b, 0) / n : null;
	const varies = (v: number[]) => v.some((value) => value !== v[0]);
	const itemRest = n >= 2 && varies(x) && varies(rest) ? sampleCorrelation(x, rest) : null;
	const options = item.options.map((o) => ({ id: o.id, correct: o.correct, chosen: mine.filter((r) => r.answer === o.id).length }));
	const flags: Flag[] = [];
	if (p !== null && n >= FLAGS.minAttempts) {
		if (p < FLAGS.tooHard) flags.push('too-hard');
		if (p > FLAGS.tooEasy) flags.push('too-easy');
		if (itemRest !== null && itemRest < FLAGS.itemRest) flags.push('low-item-rest');
	}
	if (n >= FLAGS.unusedDistractorAfter && options.some((o) => !o.correct && o.chosen === 0)) flags.push('unused-distractor');
	return {
		itemId: item.id,
		moduleId: item.moduleId,
		kind: item.kind,
		objective: item.objective,
		attempts: n,
		p,
		itemRest,
		options,
		unanswered: mine.filter((r) => r.answer === null).length,
		flags
	};
}

/** Every pool item's statistics over all submitted attempts, in pool order. */
export async function itemAnalysis(db: Db, test: Test): Promise<ItemStats[]> {
	const rows = await db
		.select({ attemptId: testAttemptItems.attemptId, itemId: testAttemptItems.itemId, answer: testAttemptItems.answer, correct: testAttemptItems.correct })
		.from(testAttemptItems)
		.innerJoin(testAttempts, eq(testAttempts.id, testAttemptItems.attemptId))
		.where(isNotNull(testAttempts.submittedAt));
	const attemptCorrect = new Map<number, number>();
	for (const r of rows) attemptCorrect.set(r.attemptId, (attemptCorrect.get(r.attemptId) ?? 0) + (r.correct ? 1 : 0));
	return [...test.items.values()].map((item) => itemStats(item, rows, attemptCorrect));
}

export type Spread = { n: number; median: number; q1: number; q3: number; iqr: number };

/** Median and interquartile range (quantiles interpolated linearly, as PostgreSQL's percentile_cont), or null below `minN`. */
export function spread(values: number[], minN = EVALUATION_MIN_K): Spread | null {
	if (values.length < minN || values.length === 0) return null;
	return { n: values.length, median: median(values), q1: quantile(values, 0.25), q3: quantile(values, 0.75), iqr: interquartileRange(values) };
}

export type EvaluationSummary = {
	/** Learners who evaluated (their latest evaluation counts). */
	n: number;
	/** Per rating 1..5: how many chose each value, and the median; null below EVALUATION_MIN_K. */
	ratings: Record<EvaluationRating, { counts: number[]; median: number } | null>;
	hours: Spread | null;
	/** Free comments, newest first, without names; only from EVALUATION_MIN_K learners. */
	comments: string[];
};

/** The evaluation results, aggregated over each learner's latest evaluation, from at least EVALUATION_MIN_K learners. */
export async function evaluationSummary(db: Db): Promise<EvaluationSummary> {
	const rows = await db.select().from(testEvaluations).orderBy(testEvaluations.createdAt);
	const latest = new Map(rows.map((r) => [r.learnerId, r]));
	const evaluations = [...latest.values()];
	const enough = evaluations.length >= EVALUATION_MIN_K;
	const ratings = Object.fromEntries(
		EVALUATION_RATINGS.map((key) => {
			const values = evaluations.map((e) => e[key]);
			return [key, enough ? { counts: [1, 2, 3, 4, 5].map((v) => values.filter((x) => x === v).length), median: median(values) } : null];
		})
	) as EvaluationSummary['ratings'];
	return {
		n: evaluations.length,
		ratings,
		hours: spread(evaluations.map((e) => e.hoursSpent)),
		comments: enough
			? evaluations
					.map((e) => e.comments.trim())
					.filter((c) => c !== '')
					.reverse()
			: []
	};
}

export type ModuleLoad = {
	moduleId: string;
	/** Minutes stated in module.yaml. */
	stated: number;
	/** Measured active minutes of the learners who completed every item of the module. */
	measured: Spread | null;
	/** The same per item: its stated minutes and the minutes of those who completed it. */
	items: { itemId: string; stated: number; measured: Spread | null }[];
};
export type StudyLoad = {
	modules: ModuleLoad[];
	/** The whole course: stated minutes, measured minutes of those who completed every item, self-reported hours. */
	course: { stated: number; measured: Spread | null; selfReportedHours: Spread | null };
};

/**
 * Measured study time, per module and for the course. Active seconds per learner and item are those of
 * learning/study-time.ts, where idle time is already cut off: with JavaScript only time with the tab visible
 * and input within IDLE_SECONDS (2 minutes) counts; without it a gap between two posts counts at most
 * NOSCRIPT_GAP_SECONDS (15 minutes). A module's time is the sum over its items, for learners who completed
 * every item of it; medians only from EVALUATION_MIN_K learners.
 */
export async function studyLoad(db: Db, course: Pick<Course, 'modules'>): Promise<StudyLoad> {
	const itemIds = course.modules.flatMap((m) => m.items.map((i) => i.id));
	const rows = itemIds.length
		? await db
				.select({ learnerId: studyTime.learnerId, itemId: studyTime.itemId, beat: studyTime.beatSeconds, event: studyTime.eventSeconds })
				.from(studyTime)
				.innerJoin(progress, and(eq(progress.learnerId, studyTime.learnerId), eq(progress.itemId, studyTime.itemId), eq(progress.status, 'completed')))
				.where(inArray(studyTime.itemId, itemIds))
		: [];
	// The same rule as the learner's own medians: the heartbeat clock once any heartbeat came, else the posts'.
	const seconds = new Map<string, Map<string, number>>();
	for (const r of rows) {
		const perLearner = seconds.get(r.learnerId) ?? new Map<string, number>();
		perLearner.set(r.itemId, r.beat > 0 ? r.beat : r.event);
		seconds.set(r.learnerId, perLearner);
	}
	const minutesOver = (ids: string[]) =>
		[...seconds.values()]
			.filter((perItem) => ids.every((id) => perItem.has(id)))
			.map((perItem) => ids.reduce((sum, id) => sum + (perItem.get(id) ?? 0), 0) / 60);
	const modules = course.modules.map((m) => ({
		moduleId: m.id,
		stated: m.minutes,
		measured: spread(minutesOver(m.items.map((i) => i.id))),
		items: m.items.map((i) => ({ itemId: i.id, stated: i.minutes, measured: spread(minutesOver([i.id])) }))
	}));
	const evaluations = await db
		.select({ learnerId: testEvaluations.learnerId, hours: testEvaluations.hoursSpent })
		.from(testEvaluations)
		.orderBy(testEvaluations.createdAt);
	const hours = [...new Map(evaluations.map((e) => [e.learnerId, e.hours])).values()];
	return {
		modules,
		course: { stated: course.modules.reduce((sum, m) => sum + m.minutes, 0), measured: spread(minutesOver(itemIds)), selfReportedHours: spread(hours) }
	};
}
