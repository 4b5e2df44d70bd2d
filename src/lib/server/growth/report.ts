/**
 * The cohort report of measured growth (issue 16), as pure functions over plain arrays: per rubric skill the
 * mean at pre, post and retention, the paired change with d_av and its 95% CI, the same for self-efficacy, and
 * completion counts. Nothing about fewer than MIN_GROUP learners: a cohort below it gets no report at all,
 * and each mean and change is computed only from MIN_GROUP learners who have it. The route reads the rows
 * from the database and passes them in; agreement among raters comes from stats/agreement.ts beside it.
 */
import jStat from 'jstat';
import { pairedChange, type PairedChange } from '../stats/change';
import { fromGroup } from '../stats/min-group';

export const PHASES = ['pre', 'post', 'retention'] as const;
export type Phase = (typeof PHASES)[number];

/** One rated score: a rater's score of one of a learner's test responses on one skill. */
export type TestScore = { learnerId: string; phase: Phase; skill: string; score: number };
/** One self-efficacy answer of a learner at a phase. */
export type ConfidenceAnswer = { learnerId: string; phase: Phase; itemId: string; value: number };
/** A learner who handed in a test (all its drills answered) at a phase, rated or not yet. */
export type Completion = { learnerId: string; phase: Phase };

export type PhaseMean = { mean: number; n: number };
export type Growth = {
	pre: PhaseMean | null;
	post: PhaseMean | null;
	retention: PhaseMean | null;
	/** pre -> post */
	change: PairedChange | null;
	/** pre -> retention */
	retained: PairedChange | null;
};
export type SkillGrowth = Growth & { skill: string };
export type CohortReport = {
	learners: number;
	completed: Record<Phase, number>;
	/** learners with rated scores per phase (a handed-in test may still wait for its rating) */
	rated: Record<Phase, number>;
	skills: SkillGrowth[];
	selfEfficacy: Growth;
};

/** Per learner, the mean of their values at each phase (several drills, raters or items become one score). */
function learnerMeans(values: readonly { learnerId: string; phase: Phase; value: number }[]): Map<Phase, Map<string, number>> {
	const collected = new Map<Phase, Map<string, number[]>>(PHASES.map((p) => [p, new Map()]));
	for (const { learnerId, phase, value } of values) {
		const perLearner = collected.get(phase);
		if (!perLearner || !Number.isFinite(value)) continue;
		const list = perLearner.get(learnerId);
		if (list) list.push(value);
		else perLearner.set(learnerId, [value]);
	}
	return new Map(PHASES.map((p) => [p, new Map([...(collected.get(p) ?? [])].map(([id, list]) => [id, jStat.mean(list)]))]));
}

function phaseMean(scores: Map<string, number> | undefined): PhaseMean | null {
	return fromGroup([...(scores ?? new Map<string, number>()).values()], (group) => ({ mean: jStat.mean([...group]), n: group.length }));
}

/** Pairs [from, to] for the learners who have both. */
function pairs(from: Map<string, number> | undefined, to: Map<string, number> | undefined): [number, number][] {
	if (!from || !to) return [];
	return [...from].flatMap(([id, before]) => {
		const after = to.get(id);
		return after === undefined ? [] : [[before, after] as [number, number]];
	});
}

function growth(means: Map<Phase, Map<string, number>>): Growth {
	return {
		pre: phaseMean(means.get('pre')),
		post: phaseMean(means.get('post')),
		retention: phaseMean(means.get('retention')),
		change: pairedChange(pairs(means.get('pre'), means.get('post'))),
		retained: pairedChange(pairs(means.get('pre'), means.get('retention')))
	};
}

/**
 * The report over a cohort's `learnerIds` (rows of other learners are ignored), or nothing for a cohort of
 * fewer than MIN_GROUP learners.
 */
export function cohortReport(input: {
	learnerIds: readonly string[];
	skills: readonly string[];
	scores: readonly TestScore[];
	selfEfficacy: readonly ConfidenceAnswer[];
	completions: readonly Completion[];
}): CohortReport | null {
	return fromGroup([...new Set(input.learnerIds)], (group) => report(new Set(group), input));
}

function report(members: Set<string>, input: Parameters<typeof cohortReport>[0]): CohortReport {
	const scores = input.scores.filter((s) => members.has(s.learnerId));
	// Each skill's scores, in one pass over them (a cohort of 200 has tens of thousands).
	const bySkill = new Map<string, { learnerId: string; phase: Phase; value: number }[]>(input.skills.map((skill) => [skill, []]));
	for (const s of scores) bySkill.get(s.skill)?.push({ learnerId: s.learnerId, phase: s.phase, value: s.score });
	const countPerPhase = (rows: readonly { learnerId: string; phase: Phase }[]) =>
		Object.fromEntries(PHASES.map((p) => [p, new Set(rows.filter((r) => r.phase === p && members.has(r.learnerId)).map((r) => r.learnerId)).size])) as Record<
			Phase,
			number
		>;
	return {
		learners: members.size,
		completed: countPerPhase(input.completions),
		rated: countPerPhase(scores),
		skills: input.skills.map((skill) => ({ skill, ...growth(learnerMeans(bySkill.get(skill) ?? [])) })),
		selfEfficacy: growth(learnerMeans(input.selfEfficacy.filter((a) => members.has(a.learnerId))))
	};
}
