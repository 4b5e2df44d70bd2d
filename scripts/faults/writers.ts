/**
 * A writer is one learner in one tab. In turn it autosaves its reflection (each save on top of the version
 * the server last acknowledged), answers quiz questions (a retake once all are answered), responds to a
 * drill and rates itself, and rates a response shared in its group; one writer in four works through the
 * final test to its certificate instead (tracks/). One request at a time, each write with its own key where
 * the form carries one.
 * A write that gets no answer, or an error status, is retried (with the same key) until the server answers
 * it — the retry a browser makes, which must be safe.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Item, Quiz } from '../../src/lib/server/content/build';
import type { Drill } from '../../src/lib/server/content';
import type { Test } from '../../src/lib/server/content/test-pool';
import { postFetch, type ActionResult, type Reply } from './http';
import type { Track, Write } from './tracks/track';
import { QuizTrack, ReflectionTrack } from './tracks/learning';
import { PracticeTrack, RatingTrack } from './tracks/practice';
import { TestTrack } from './tracks/test';

export { getOwnConnection, postFetch, postOwnConnection, type Reply } from './http';
export type { Write } from './tracks/track';

/** The figures of a stretch of writing, by the first try of each write. */
export type Tally = {
	acknowledged: number;
	unknown: number;
	failed: number;
	retriedToAnAnswer: number;
	conflicts: number;
	rejected: number;
	unresolved: number;
};
export const emptyTally = (): Tally => ({ acknowledged: 0, unknown: 0, failed: 0, retriedToAnAnswer: 0, conflicts: 0, rejected: 0, unresolved: 0 });

/** What a writer needs from the course, and the responses shared in its group for it to rate. */
export type WriterContent = { reflectionItem: Item & { type: 'reflection' }; quiz: Quiz; drills: readonly Drill[]; test: Test };

export class Writer {
	cookie = '';
	readonly reflection: ReflectionTrack;
	readonly quiz: QuizTrack;
	readonly practice: PracticeTrack;
	readonly rating: RatingTrack;
	readonly test: TestTrack;
	private readonly tracks: Track[];
	private turn = 0;
	/** A write sent but not answered yet: it is retried, with the same key, before anything new. */
	pending: Write | null = null;

	constructor(
		readonly n: number,
		readonly learnerId: string,
		readonly email: string,
		content: WriterContent,
		toRate: number[]
	) {
		this.reflection = new ReflectionTrack(n, content.reflectionItem);
		this.quiz = new QuizTrack(content.quiz);
		this.practice = new PracticeTrack(n, content.drills);
		this.rating = new RatingTrack(n, toRate);
		this.test = new TestTrack(n, content.test);
		// One writer in four works only on the final test, so that its round of five writes reaches the
		// certificate (and a retake) within a run even on a loaded machine; the others take turns at the rest.
		this.tracks = n % 4 === 3 ? [this.test] : [this.reflection, this.quiz, this.practice, this.rating];
	}

	next(): Write {
		if (this.pending) return this.pending;
		for (;;) {
			const write = this.tracks[this.turn++ % this.tracks.length]!.next();
			if (write) return (this.pending = write);
		}
	}

	/** Takes the server's answer to `write`: 'acked', 'done' (a refusal or conflict that a retry cannot change, or a retake) or 'retry'. */
	settle(write: Write, reply: Reply, tally: Tally): 'acked' | 'done' | 'retry' {
		if ('none' in reply || reply.status >= 500) return 'retry';
		let result: ActionResult;
		try {
			result = JSON.parse(reply.text) as ActionResult;
		} catch {
			return 'retry';
		}
		this.pending = null;
		const settled = write.settle(result);
		if (settled === 'rejected') tally.rejected++;
		if (settled === 'conflict') tally.conflicts++;
		return settled === 'acked' ? 'acked' : 'done';
	}
}

/** Sends the writer's next write until the server answers it (or `giveUp()`); counts its first try in `tally`. */
export async function writeUntilAnswered(w: Writer, base: () => string, tally: Tally, giveUp: () => boolean, first?: Reply): Promise<void> {
	const write = w.next();
	for (let tries = 0; ; tries++) {
		const reply = first && tries === 0 ? first : await postFetch(base(), w.cookie, write.path, write.form);
		const outcome = w.settle(write, reply, tally);
		if (tries === 0 && write.counted) {
			if ('none' in reply) {
				if (reply.none === 'lost') tally.unknown++;
				else tally.failed++;
			} else if (outcome === 'acked') tally.acknowledged++;
			else if (outcome === 'retry') tally.failed++;
		}
		if (outcome !== 'retry') {
			if (tries > 0 && write.counted) tally.retriedToAnAnswer++;
			return;
		}
		if (giveUp()) {
			if (write.counted) tally.unresolved++;
			return;
		}
		await sleep(200 + Math.random() * 200);
	}
}

/** Each writer writes until `stop()` says so, then finishes the write it is on (retrying up to `graceMs` after the stop). */
export async function runWriters(writers: Writer[], base: () => string, stop: () => boolean, graceMs = 30_000): Promise<Tally> {
	const tally = emptyTally();
	let stoppedAt = 0;
	const giveUp = () => {
		if (!stop()) return false;
		stoppedAt ||= Date.now();
		return Date.now() - stoppedAt > graceMs;
	};
	await Promise.all(
		writers.map(async (w) => {
			while (!stop()) await writeUntilAnswered(w, base, tally, giveUp);
			if (w.pending) await writeUntilAnswered(w, base, tally, giveUp);
		})
	);
	return tally;
}
