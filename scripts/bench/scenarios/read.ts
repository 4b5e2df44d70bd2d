/** A page read: each connection one learner of its own (by connection number), asking for the same path again and again. */
import type { Next, Plan } from '../load';
import type { Learner } from '../seed';
import { html, type Site } from './scenario';

export const read =
	(site: Site, learners: Learner[], path: (l: Learner) => string) =>
	(i: number): Plan => {
		const l = learners[i % learners.length]!;
		const first: Next = { method: 'GET', path: path(l), headers: { ...html, cookie: site.cookieOf(l.id) } };
		return { first, check: (status) => ({ ok: status === 200 }) };
	};
