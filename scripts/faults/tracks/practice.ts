/**
 * Practice and rating (issues 15 and 16): a drill response saved with its write key and then self-rated (the
 * first rating reviews the drill's card once), and blinded ratings of responses shared in the writer's group.
 */
import type { Drill } from '../../../src/lib/server/content';
import { PRACTICE_SKILLS } from '../../../src/lib/server/content/schema';
import { DIFFICULTIES } from '../../../src/lib/server/db/schema';
import { newWriteKey } from '../../../src/lib/write-key';
import { numberIn, type Track, type Write } from './track';

export type SelfRating = { id: number; drillId: string; ratings: Record<string, number>; difficulty: string };

export class PracticeTrack implements Track {
	responses: { key: string; id: number; drillId: string; body: string }[] = [];
	selfRatings: SelfRating[] = [];
	private toRate: { id: number; drill: Drill } | null = null;
	private count = 0;

	constructor(
		private readonly n: number,
		private readonly drills: readonly Drill[]
	) {}

	next(): Write {
		return this.toRate ? this.selfRating(this.toRate.id, this.toRate.drill) : this.respond();
	}

	private respond(): Write {
		const drill = this.drills[(this.n + this.count) % this.drills.length]!;
		const key = newWriteKey();
		const body = `Schrijver ${this.n}, antwoord ${++this.count}: ik zie dat het je raakt, neem de tijd.`;
		const form = new URLSearchParams({ body, bodyNote: '', place: 'practice', writeKey: key });
		return {
			kind: 'drill-response',
			key,
			counted: true,
			path: `/oefenen/${drill.id}?/respond`,
			form,
			settle: (result) => {
				const id = result.type === 'redirect' ? numberIn(result.location, /[?&]antwoord=(\d+)/) : null;
				if (id === null) return 'rejected';
				this.responses.push({ key, id, drillId: drill.id, body });
				this.toRate = { id, drill };
				return 'acked';
			}
		};
	}

	private selfRating(id: number, drill: Drill): Write {
		const ratings = Object.fromEntries(drill.skills.map((s, i) => [s, 1 + ((this.n + id + i) % 5)]));
		const difficulty = DIFFICULTIES[(this.n + id) % DIFFICULTIES.length]!;
		const form = new URLSearchParams({ response: String(id), difficulty });
		for (const [skill, score] of Object.entries(ratings)) form.set(`skill-${skill}`, String(score));
		return {
			kind: 'self-rating',
			counted: true,
			path: `/oefenen/${drill.id}?/rate`,
			form,
			settle: (result) => {
				this.toRate = null;
				if (result.type !== 'redirect') return 'rejected';
				this.selfRatings.push({ id, drillId: drill.id, ratings, difficulty });
				return 'acked';
			}
		};
	}
}

/** Rates, once each, the responses shared in the writer's group by its seeded author (setup.ts); nothing left, nothing to write. */
export class RatingTrack implements Track {
	acked: { responseId: number; comment: string }[] = [];

	constructor(
		private readonly n: number,
		private readonly queue: number[]
	) {}

	next(): Write | null {
		const responseId = this.queue[0];
		if (responseId === undefined) return null;
		const comment = `Schrijver ${this.n} over antwoord ${responseId}: je blijft bij de cliënt.`;
		const form = new URLSearchParams({ comment });
		PRACTICE_SKILLS.forEach((skill, i) => form.set(`skill-${skill}`, String(1 + ((responseId + i) % 5))));
		return {
			kind: 'rating',
			counted: true,
			path: `/beoordelen/${responseId}?/rate`,
			form,
			settle: (result) => {
				this.queue.shift();
				if (result.type !== 'redirect') return 'rejected';
				this.acked.push({ responseId, comment });
				return 'acked';
			}
		};
	}
}
