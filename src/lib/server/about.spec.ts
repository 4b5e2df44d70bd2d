import { describe, expect, it } from 'vitest';
import { aboutCourse, contentContact } from './about';

describe('the About page data', () => {
	it.each([
		['fouten@ontroerd.example.nl', { href: 'mailto:fouten@ontroerd.example.nl', label: 'fouten@ontroerd.example.nl' }],
		['https://example.nl/meld', { href: 'https://example.nl/meld', label: 'https://example.nl/meld' }],
		['', null],
		[undefined, null],
		['javascript:alert(1)', null],
		['geen adres', null]
	])('reads CONTENT_CONTACT %j', (value, expected) => {
		expect(contentContact(value)).toEqual(expected);
	});

	it('derives the versions and lists every reference', () => {
		const about = aboutCourse('nl');
		expect(about.appVersion).toMatch(/^\d+\.\d+\.\d+/);
		expect(about.contentVersion).toMatch(/^[0-9a-f]{12}$/);
		expect(about.updated).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		expect(about.references.map((r) => r.key)).toContain('tritt2015');
	});
});
