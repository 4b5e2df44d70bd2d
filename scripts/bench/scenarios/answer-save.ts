/** Answer saves: each connection its own learners; every post answers a question not answered before. */
import type { Next, Plan } from '../load';
import { formAnswer, rng, type Learner, type OpenQuestion } from '../seed';
import { html, type Scenario, type Site } from './scenario';

/** The plans alone: the growth runs post answers too, with learners of their own. */
export function answering(site: Site, learners: Learner[], seed: number): (connection: number) => Plan {
	let cursor = 0;
	const r = rng(seed);
	const nextOpen = (): { learner: Learner; q: OpenQuestion } | null => {
		// Each connection claims a learner of its own and answers its open questions, then claims the next.
		for (let tries = 0; tries < learners.length; tries++) {
			const learner = learners[cursor++ % learners.length]!;
			const q = learner.open.shift();
			if (q) return { learner, q };
		}
		return null;
	};
	return (): Plan => {
		let mine = nextOpen();
		const request = (): Next => {
			if (!mine) throw new Error('the population ran out of open questions');
			const form = new URLSearchParams({ question: mine.q.question.id });
			for (const v of formAnswer(mine.q.question, r)) form.append('answer', v);
			return {
				method: 'POST',
				path: `/modules/${mine.q.moduleId}/${mine.q.quizId}?/answer`,
				headers: { ...html, origin: site.base, cookie: site.cookieOf(mine.learner.id), 'content-type': 'application/x-www-form-urlencoded' },
				body: form.toString()
			};
		};
		return {
			first: request(),
			check: (status) => {
				const ok = status === 303;
				const q = mine!.learner.open.shift();
				// When every question is answered, the last post repeats: a no-op the app accepts.
				mine = q ? { learner: mine!.learner, q } : (nextOpen() ?? mine);
				return { ok, next: request() };
			}
		};
	};
}

export const answerSave = (site: Site, writers: Learner[]): Scenario => ({ name: 'answer save', kind: 'write', plan: answering(site, writers, 3) });
