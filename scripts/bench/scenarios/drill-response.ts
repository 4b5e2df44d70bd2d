/**
 * Deliberate practice (issue 15) as the no-JavaScript form posts it: a response to a drill, then its self-rating
 * (a score per skill and how hard it was), then the next response. Each connection its own learner; the response's
 * id comes from the redirect after the save. Half the requests are saves, half self-ratings.
 */
import type { Course } from '../../../src/lib/server/content/build';
import type { Next, Plan } from '../load';
import type { Learner } from '../seed';
import { practiceDrills } from '../seed-writes';
import { html, type Scenario, type Site } from './scenario';

const form = { ...html, 'content-type': 'application/x-www-form-urlencoded' };
const DIFFICULTIES = ['too-easy', 'about-right', 'too-hard'];

export function drillResponse(site: Site, learners: Learner[], course: Course): Scenario {
	const drills = practiceDrills(course);
	const plan = (i: number): Plan => {
		const learner = learners[i % learners.length]!;
		const headers = { ...form, origin: site.base, cookie: site.cookieOf(learner.id) };
		let n = i;
		const respond = (): Next => {
			const drill = drills[n++ % drills.length]!;
			const body = new URLSearchParams({ body: `Ik zie je tranen. Neem de tijd; ik ben er (ronde ${n}).`, bodyNote: 'warm in mijn borst', place: 'practice' });
			return { method: 'POST', path: `/oefenen/${drill.id}?/respond`, headers, body: body.toString() };
		};
		const rate = (drillId: string, response: string): Next => {
			const drill = drills.find((d) => d.id === drillId)!;
			const body = new URLSearchParams({ response, difficulty: DIFFICULTIES[n % 3]! });
			for (const [k, skill] of drill.skills.entries()) body.set(`skill-${skill}`, String(1 + ((n + k) % 5)));
			return { method: 'POST', path: `/oefenen/${drill.id}?/rate`, headers, body: body.toString() };
		};
		return {
			first: respond(),
			check: (status, _body, headers) => {
				const location = headers.location ?? headers.Location ?? '';
				// After a save: /oefenen/<drill>?antwoord=<id>#vergelijk; after a rating: …&beoordeeld=1#delen.
				const saved = /^\/oefenen\/([a-z0-9-]+)\?antwoord=(\d+)#vergelijk$/.exec(location);
				if (status === 303 && saved) return { ok: true, next: rate(saved[1]!, saved[2]!) };
				return { ok: status === 303 && location.includes('beoordeeld=1'), next: respond() };
			}
		};
	};
	return { name: 'drill response', kind: 'write', plan };
}
