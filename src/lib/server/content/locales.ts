/**
 * The course's languages are the interface's: Paraglide's list (project.inlang/settings.json). Every
 * per-language record of the course is built from it, so a new language is one line there, its message
 * and content files, and the database's check on users.locale.
 */
import { baseLocale, locales, type Locale } from '../../paraglide/runtime';

export type { Locale };
export const LOCALES: readonly Locale[] = locales;
/** The language content is written in first; structure (ids, minutes, norms) is read from its files. */
export const BASE_LOCALE: Locale = baseLocale;

/** A text (or anything else) in every language of the course. */
export type L<T = string> = Record<Locale, T>;

/** Builds a per-language record from one function of the language. */
export function inEach<T>(make: (locale: Locale) => T): L<T> {
	return Object.fromEntries(LOCALES.map((locale) => [locale, make(locale)])) as L<T>;
}

/** The region each language formats numbers and dates for (Intl); a new language fails the type check until it has one. */
export const INTL_LOCALE: L = { nl: 'nl-NL', en: 'en-GB' };
