/** The supervisor's overview of a cohort of 200 trainees; the supervisor's 100 sessions are shared round the connections. */
import type { Plan } from '../load';
import { html, type Scenario } from './scenario';

export async function cohortOverview(base: string, cookieName: string, cohortId: string, supervisorTokens: string[]): Promise<Scenario> {
	const path = `/supervisor/cohorts/${cohortId}`;
	const plan = (i: number): Plan => ({
		first: { method: 'GET', path, headers: { ...html, cookie: `${cookieName}=${supervisorTokens[i % supervisorTokens.length]}` } },
		check: (status) => ({ ok: status === 200 })
	});
	// A wrong seed or session would measure an error page: check once before measuring.
	const ov = await fetch(`${base}${path}`, { headers: { ...html, cookie: `${cookieName}=${supervisorTokens[0]}` } });
	if (ov.status !== 200) throw new Error(`cohort overview answered ${ov.status}`);
	return { name: 'cohort overview (200)', kind: 'page', plan };
}
