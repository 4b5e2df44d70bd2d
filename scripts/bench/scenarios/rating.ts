/**
 * Rated practice (issue 16): a calibrated supervisor rates the drill responses their trainees shared with them,
 * six scores and a comment, as the no-JavaScript form posts it. Every post rates a response not rated before
 * (a rating is final); the supervisor's sessions are shared round the connections.
 */
import { PRACTICE_SKILLS } from '../../../src/lib/server/content/schema';
import type { Next, Plan } from '../load';
import { html, type Scenario } from './scenario';

export function rating(base: string, cookieName: string, supervisorTokens: string[], responseIds: number[]): Scenario {
	let cursor = 0;
	const plan = (i: number): Plan => {
		const headers = {
			...html,
			'content-type': 'application/x-www-form-urlencoded',
			origin: base,
			cookie: `${cookieName}=${supervisorTokens[i % supervisorTokens.length]}`
		};
		const request = (): Next => {
			const id = responseIds[cursor++ % responseIds.length]!;
			const body = new URLSearchParams({ comment: 'Je blijft bij de cliënt en benoemt wat je ziet; de vraag naar de betekenis mag iets later.' });
			for (const [k, skill] of PRACTICE_SKILLS.entries()) body.set(`skill-${skill}`, String(1 + ((id + k) % 5)));
			return { method: 'POST', path: `/beoordelen/${id}?/rate`, headers, body: body.toString() };
		};
		return {
			first: request(),
			check: (status, _body, headers) => ({ ok: status === 303 && /#beoordeeld$/.test(headers.location ?? ''), next: request() })
		};
	};
	return { name: 'rating', kind: 'write', plan };
}
