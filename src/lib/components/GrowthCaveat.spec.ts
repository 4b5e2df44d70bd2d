import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import GrowthCaveat from './GrowthCaveat.svelte';

describe('GrowthCaveat', () => {
	it('says what the report cannot show: no control group, rater knowledge, attrition, and the group minimum', () => {
		const { body } = render(GrowthCaveat, { props: { minGroup: 3 } });
		expect(body).toContain('Wat deze cijfers wel en niet laten zien');
		expect(body).toContain('geen controlegroep');
		expect(body).toContain('voor- of de nameting');
		expect(body).toContain('afhaakte');
		expect(body).toContain('Onder de 3 deelnemers tonen we niets.');
		expect(body).toMatch(/<h2 id="growth-caveat-heading"/);
	});
});
