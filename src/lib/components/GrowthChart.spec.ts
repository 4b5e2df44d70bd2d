import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import GrowthChart, { type GrowthRow } from './GrowthChart.svelte';

const rows: GrowthRow[] = [
	{ id: 'bij-de-emotie', label: 'Blijft bij de emotie', pre: 2, post: 3.5, retention: null },
	{ id: 'regie', label: 'Houdt de regie', pre: 1, post: 5, retention: 4.25 }
];
const selfEfficacy = () =>
	render(GrowthChart, {
		props: {
			caption: 'Zelfvertrouwen',
			rows: [{ id: 'ze', label: 'Gemiddeld', pre: 3, post: 5, retention: 6 }],
			scale: { min: 1, max: 7 },
			minGroup: 3,
			rowHeading: 'Schaal'
		}
	})
		.body.replace(/ ?svelte-[a-z0-9]+/g, '')
		.replace(/ class=""/g, '');
/** The rendered HTML without Svelte's hydration comments and scoped class names. */
const chart = () =>
	render(GrowthChart, { props: { caption: 'Vaardigheden van 3 deelnemers', rows, scale: { min: 1, max: 5 }, minGroup: 3 } })
		.body.replace(/<!--[^>]*-->/g, '')
		.replace(/ ?svelte-[a-z0-9]+/g, '')
		.replace(/ class=""/g, '');

describe('GrowthChart', () => {
	it('is a table: a row per skill with its name as row header and the means as text in Dutch', () => {
		const body = chart();
		expect(body).toContain('<caption>Vaardigheden van 3 deelnemers</caption>');
		expect(body).toContain('<th scope="row">Blijft bij de emotie<span class="lane-narrow">');
		expect(body).toContain('<th scope="col">Vaardigheid</th>');
		expect(body).toContain('data-phase="post">3,5</td>');
		expect(body).toContain('data-phase="retention">4,3</td>');
		expect(body.match(/<th scope="col"/g)).toHaveLength(5);
	});

	it('says in words why a figure is missing, and draws no mark for it', () => {
		const body = chart();
		expect(body).toContain('<span class="visually-hidden">niet getoond: minder dan 3 deelnemers</span>');
		const firstRow = body.slice(body.indexOf('Blijft bij de emotie'), body.indexOf('Houdt de regie'));
		expect(firstRow).not.toContain('class="retention"');
		expect(firstRow).toContain('class="pre"');
		expect(body.slice(body.indexOf('Houdt de regie'))).toContain('class="retention"');
	});

	it('places the marks on the scale: 1 at the left end, 5 at the right, 3.5 between', () => {
		const body = chart();
		// 4% + (value - 1) / 4 × 92%: room at both ends for the marks.
		expect(body).toContain('<circle cx="4%" cy="12" r="6" class="pre">');
		expect(body).toContain('<circle cx="96%" cy="12" r="6" class="post">');
		expect(body).toContain('<circle cx="61.5%" cy="12" r="6" class="post">');
		// The line joins the row's lowest and highest mean; the lanes are hidden from screen readers, the table is not.
		expect(body).toContain('<line x1="27%" x2="61.5%" y1="12" y2="12" class="span">');
		expect(body).toMatch(/<td class="lane"><svg aria-hidden="true"/);
	});
});

describe('GrowthChart on another scale', () => {
	it('takes its own row heading and places 1-7 values on their own scale', () => {
		const body = selfEfficacy();
		expect(body).toContain('<th scope="col">Schaal</th>');
		// 4% + (6 - 1) / 6 × 92%
		expect(body).toContain(`x="${4 + (5 / 6) * 92}%"`);
	});
});

describe('GrowthChart on a phone', () => {
	it('draws the lane a second time under the name, with its own scale, for narrow screens only (CSS), hidden from screen readers', () => {
		const body = chart();
		expect(body.match(/<span class="lane-narrow"><svg aria-hidden="true" height="38">/g)).toHaveLength(2);
		expect(body).toContain('<text x="96%" y="35" text-anchor="middle">5</text>');
	});
});
