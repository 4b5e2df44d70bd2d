/** A supervisor's page (the rating queue, the cohort growth report): the supervisor's sessions shared round the connections. */
import type { Plan } from '../load';
import { html, type Scenario } from './scenario';

export async function supervisorPage(base: string, cookieName: string, name: string, path: string, tokens: string[]): Promise<Scenario> {
	const plan = (i: number): Plan => ({
		first: { method: 'GET', path, headers: { ...html, cookie: `${cookieName}=${tokens[i % tokens.length]}` } },
		check: (status) => ({ ok: status === 200 })
	});
	// A wrong seed or session would measure an error page: check once before measuring.
	const answer = await fetch(`${base}${path}`, { headers: { ...html, cookie: `${cookieName}=${tokens[0]}` } });
	if (answer.status !== 200) throw new Error(`${name} (${path}) answered ${answer.status}`);
	return { name, kind: 'page', plan };
}
