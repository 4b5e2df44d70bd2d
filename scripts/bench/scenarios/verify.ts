/** The public certificate verification page (issue 17), logged out: /verify/<number>, each connection its own certificate. */
import type { Plan } from '../load';
import { html, type Scenario } from './scenario';

export function verifyCertificate(numbers: string[]): Scenario {
	if (numbers.length === 0) throw new Error('no certificate seeded');
	const plan = (i: number): Plan => ({
		first: { method: 'GET', path: `/verify/${numbers[i % numbers.length]}`, headers: { ...html } },
		check: (status) => ({ ok: status === 200 })
	});
	return { name: 'certificate verification', kind: 'page', plan };
}
