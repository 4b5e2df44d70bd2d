/**
 * When a drill comes back, and which rung a learner practises on. Spacing is ts-fsrs (the FSRS algorithm, a
 * maintained library, not a home-made interval table); this file only maps what the learner told us to its grade.
 *
 * Grade (FSRS rating) from the learner's difficulty and the mean of their self-ratings on the drill's skills:
 * - too hard: Again when the mean is 2 or lower, else Hard;
 * - about right: Hard when the mean is below 3, else Good;
 * - too easy: Easy when the mean is 4 or higher, else Good.
 * FSRS's short-term steps (minutes) are off: a drill comes back after days, the way practice is spaced.
 *
 * Level (the learner's rung, 1..8): a drill on the learner's own rung rated too easy with a mean of 4 or more
 * moves them one rung up; too hard, or a mean of 2 or less, one rung down; anything else keeps the rung. A drill
 * from another rung (a review, a look ahead) leaves the rung as it is.
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import { PRACTICE_RUNGS } from '../content/schema';
import type { Difficulty, SkillRatings } from '../db/schema';

const scheduler = fsrs({ enable_short_term: false, enable_fuzz: false });
export const TOP_LEVEL = PRACTICE_RUNGS.length;

export function meanRating(ratings: SkillRatings): number {
	const values = Object.values(ratings);
	return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

export function gradeOf(difficulty: Difficulty, ratings: SkillRatings): Grade {
	const mean = meanRating(ratings);
	if (difficulty === 'too-hard') return mean <= 2 ? Rating.Again : Rating.Hard;
	if (difficulty === 'about-right') return mean < 3 ? Rating.Hard : Rating.Good;
	return mean >= 4 ? Rating.Easy : Rating.Good;
}

/** A card as stored (JSON: dates as text) back to ts-fsrs's Card. */
export function cardFrom(stored: unknown): Card {
	const c = stored as Card & { due: string | Date; last_review?: string | Date };
	return { ...c, due: new Date(c.due), last_review: c.last_review ? new Date(c.last_review) : undefined };
}

/** The card after this review: a new card for a drill rated for the first time. */
export function review(stored: unknown | null, difficulty: Difficulty, ratings: SkillRatings, now: Date): Card {
	const card = stored ? cardFrom(stored) : createEmptyCard(now);
	return scheduler.next(card, now, gradeOf(difficulty, ratings)).card;
}

export function nextLevel(level: number, drillLevel: number, difficulty: Difficulty, ratings: SkillRatings): number {
	if (drillLevel !== level) return level;
	const mean = meanRating(ratings);
	if (difficulty === 'too-hard' || mean <= 2) return Math.max(1, level - 1);
	if (difficulty === 'too-easy' && mean >= 4) return Math.min(TOP_LEVEL, level + 1);
	return level;
}
