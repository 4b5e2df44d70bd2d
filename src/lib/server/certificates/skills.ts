/**
 * The rated skill scores a certificate can carry (issue 17 with issue 16): per rubric skill, the mean of the ratings
 * of the learner's post-test responses by raters who had completed calibration when they rated (an uncalibrated
 * rater's scale is not yet known; the cohort agreement leaves them out for the same reason). Computed once, at issue,
 * and stored with the certificate (certificate_skill_scores); what the credential shows is that stored copy.
 */
import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../db';
import { certificateSkillScores, performanceTests, responseRatings, testResponses, type CertificateSkillScore } from '../db/schema';
import { PRACTICE_SKILLS } from '../content/schema';
import type { Locale } from '../../paraglide/runtime';

/** The rubric's scale, the bounds of every skill score (content/oefenen/rubric: five anchors, scores 1 to 5). */
export const SKILL_SCALE = { min: 1, max: 5 } as const;

export type SkillScore = Pick<CertificateSkillScore, 'skill' | 'name' | 'mean' | 'ratings'>;

/** Why a learner has skill scores to share, or why not: no post-test handed in, or not yet rated by a calibrated rater. */
export type RatedSkills = { status: 'rated'; scores: SkillScore[] } | { status: 'no-post-test' | 'not-rated'; scores: [] };

type Read = Pick<Db, 'select'>;

export async function ratedPostTest(db: Read, learnerId: string, locale: Locale): Promise<RatedSkills> {
	const [[post], ratings] = await Promise.all([
		db
			.select({ phase: performanceTests.phase })
			.from(performanceTests)
			.where(and(eq(performanceTests.learnerId, learnerId), eq(performanceTests.phase, 'post'), isNotNull(performanceTests.completedAt))),
		db
			.select({ scores: responseRatings.scores })
			.from(responseRatings)
			.innerJoin(testResponses, eq(testResponses.responseId, responseRatings.responseId))
			.where(and(eq(testResponses.learnerId, learnerId), eq(testResponses.phase, 'post'), eq(responseRatings.calibrated, true)))
	]);
	if (!post) return { status: 'no-post-test', scores: [] };
	// Imported here, not at the top: the rubric's names come from the bundled course (import.meta.glob), and the
	// administrator's command line (tsx, no Vite) imports this module through issue.ts without ever calling this.
	const { rubricSkills } = await import('../rating/present');
	const names = new Map(rubricSkills(locale).map((s) => [s.id, s.name]));
	const scores = PRACTICE_SKILLS.flatMap((skill) => {
		const values = ratings.map((r) => r.scores[skill]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
		if (values.length === 0) return [];
		return [{ skill, name: names.get(skill) ?? skill, mean: values.reduce((a, b) => a + b, 0) / values.length, ratings: values.length }];
	});
	return scores.length > 0 ? { status: 'rated', scores } : { status: 'not-rated', scores: [] };
}

/** The scores frozen with a certificate, in the rubric's order. */
export async function skillScoresOf(db: Read, number: string): Promise<SkillScore[]> {
	const rows = await db
		.select({
			skill: certificateSkillScores.skill,
			name: certificateSkillScores.name,
			mean: certificateSkillScores.mean,
			ratings: certificateSkillScores.ratings
		})
		.from(certificateSkillScores)
		.where(eq(certificateSkillScores.number, number));
	const order = (skill: string) => (PRACTICE_SKILLS as readonly string[]).indexOf(skill);
	return rows.sort((a, b) => order(a.skill) - order(b.skill));
}

/** A mean as the credential and the page give it: one decimal, a point as separator (the credential) or the language's own. */
export const skillValue = (mean: number) => (Math.round(mean * 10) / 10).toFixed(1);
