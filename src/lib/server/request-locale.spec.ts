import { describe, expect, it } from 'vitest';
import { getLocale } from '$lib/paraglide/runtime';
import { withRequestLocale } from './request-locale';

const request = (headers: Record<string, string>) => new Request('http://localhost/dashboard', { headers });
const localeOf = (headers: Record<string, string>) => {
	const r = request(headers);
	return withRequestLocale(r, new URL(r.url), (locale) => ({ locale, read: getLocale() }));
};

describe('withRequestLocale', () => {
	it("takes the language cookie first, then the browser's languages, then Dutch, as Paraglide's middleware did", () => {
		expect(localeOf({ cookie: 'a=1; PARAGLIDE_LOCALE=en', 'accept-language': 'nl' })).toEqual({ locale: 'en', read: 'en' });
		expect(localeOf({ cookie: 'PARAGLIDE_LOCALE=fr', 'accept-language': 'de, en;q=0.8, nl;q=0.5' })).toEqual({ locale: 'en', read: 'en' });
		expect(localeOf({ 'accept-language': 'fr' })).toEqual({ locale: 'nl', read: 'nl' });
		expect(localeOf({})).toEqual({ locale: 'nl', read: 'nl' });
	});

	it('keeps each request in its own language across awaits, however they interleave', async () => {
		const later = (r: Request, ms: number) =>
			withRequestLocale(r, new URL(r.url), async () => {
				await new Promise((resolve) => setTimeout(resolve, ms));
				return getLocale();
			});
		const answers = await Promise.all([later(request({ cookie: 'PARAGLIDE_LOCALE=en' }), 20), later(request({ cookie: 'PARAGLIDE_LOCALE=nl' }), 5)]);
		expect(answers).toEqual(['en', 'nl']);
	});
});
