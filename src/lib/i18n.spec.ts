import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { m } from '$lib/paraglide/messages';
import { baseLocale, getLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { loadErrorMessages, t, type ErrorKey } from './i18n';

type MessageFn = (inputs: Record<string, unknown>, options: { locale: Locale }) => string;
const original = getLocale;
const errorKeys = Object.keys(JSON.parse(readFileSync('messages/nl.json', 'utf8')) as Record<string, string>).filter((k): k is ErrorKey =>
	k.startsWith('error_')
);

describe('t', () => {
	afterEach(() => overwriteGetLocale(original));

	it('says a language once its messages are loaded, each language from a module of its own (the browser loads one)', async () => {
		overwriteGetLocale(() => 'en');
		expect(t('error_login')).toBe('error_login');
		await loadErrorMessages('nl');
		expect(t('error_login')).toBe('error_login');
		await loadErrorMessages('en');
		expect(t('error_login')).toBe(m.error_login({}, { locale: 'en' }));
		const dutch = (await import('virtual:error-messages/nl')).default;
		expect(Object.values(dutch)).toContain(m.error_login({}, { locale: 'nl' }));
		expect(Object.values(dutch)).not.toContain(m.error_login({}, { locale: 'en' }));
	});

	it('says every error exactly as paraglide does, in both languages, with inputs', async () => {
		await Promise.all([loadErrorMessages('nl'), loadErrorMessages('en')]);
		expect(errorKeys.length).toBeGreaterThan(20);
		const inputs = { seconds: 42, count: 3, max: 5000, min: 12, characters: '王 小' };
		for (const locale of ['nl', 'en'] as const) {
			overwriteGetLocale(() => locale);
			for (const key of errorKeys) expect(t(key, inputs), `${locale} ${key}`).toBe((m as unknown as Record<string, MessageFn>)[key]!(inputs, { locale }));
		}
		expect(baseLocale).toBe('nl');
	});

	it('leaves a key it does not carry as it is, so a missing message shows rather than breaks', () => {
		expect(t(undefined)).toBe('');
		// @ts-expect-error -- not a message: the type refuses it where it is written; at run time it shows as it is
		expect(t('no_such_key')).toBe('no_such_key');
		// Only error messages travel from the server; the rest are called by name, so they stay out of t's bundle.
		// @ts-expect-error -- a message, but not an error message: t() does not carry it
		expect(t('nav_dashboard')).toBe('nav_dashboard');
	});
});

describe('counted messages', () => {
	it('say one post and many posts in proper words, in both languages', () => {
		expect(m.my_data_delete_posts({ count: 1 }, { locale: 'nl' })).toMatch(/^Je schreef één bijdrage in/);
		expect(m.my_data_delete_posts({ count: 3 }, { locale: 'nl' })).toMatch(/^Je schreef 3 bijdragen in/);
		expect(m.my_data_delete_posts({ count: 1 }, { locale: 'en' })).toMatch(/^You wrote one post in/);
		expect(m.my_data_delete_posts({ count: 3 }, { locale: 'en' })).toMatch(/^You wrote 3 posts in/);
	});
});

describe('the message files', () => {
	it('name every key once: a second definition would silently replace the first (two features once both used rating_next)', () => {
		for (const file of ['messages/nl.json', 'messages/en.json']) {
			// JSON.parse keeps the last of two equal keys without a word, so the keys are read from the text (one per line).
			const keys = [...readFileSync(file, 'utf8').matchAll(/^\t"([^"]+)":/gm)].map((match) => match[1]!);
			expect(keys.length, file).toBeGreaterThan(500);
			expect(
				keys.filter((k, i) => keys.indexOf(k) !== i),
				file
			).toEqual([]);
		}
	});
});
