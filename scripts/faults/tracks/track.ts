/**
 * A track is one kind of work a writer does in its tab (a reflection, a quiz, practice, rating, the final
 * test): it hands out its next write and keeps what the server acknowledged, for verify.ts to hold against
 * the database. A write carries its own request and how to read the answer.
 */
import type { ActionResult } from '../http';

export type WriteKind =
	'reflection' | 'answer' | 'retake' | 'drill-response' | 'self-rating' | 'rating' | 'test-start' | 'test-save' | 'test-submit' | 'evaluation' | 'certificate';

/** What an answer meant: the write acknowledged, refused, a version conflict, or done without a write to count (a retake). */
export type Settled = 'acked' | 'rejected' | 'conflict' | 'done';

export type Write = {
	kind: WriteKind;
	/** Its write key, where the form carries one: a retry sends the same. */
	key?: string;
	/** Counted in the tally and the check (a retake is a reset, not a write of the learner's). */
	counted: boolean;
	path: string;
	form: URLSearchParams;
	/** A reflection's text: a save still unanswered may be the one in the database. */
	body?: string;
	settle: (result: ActionResult) => Settled;
};

export interface Track {
	/** The next write, or null when this track has nothing to write now (the writer goes on to the next track). */
	next(): Write | null;
}

/** The number after `name=` in a redirect's location, e.g. the saved response's id. */
export function numberIn(location: string | undefined, pattern: RegExp): number | null {
	const match = location ? pattern.exec(location) : null;
	return match ? Number(match[1]) : null;
}
