/** Figures from the study are written as placeholders and filled from the norms file, never retyped. */
import { INTL_LOCALE, type Locale } from './locales';
import type { Norm } from './schema';

export type { Locale };
export type Norms = Record<string, Norm>;

const PLACEHOLDER = /\{\{\s*(norm|base|count|sd):([a-z0-9_]+)\s*\}\}/g;

function decimalsOf(value: number): number {
	const [, fraction = ''] = String(value).split('.');
	return fraction.length;
}

export function formatNumber(value: number, locale: Locale, decimals = decimalsOf(value)): string {
	return new Intl.NumberFormat(INTL_LOCALE[locale], {
		minimumFractionDigits: decimals,
		maximumFractionDigits: decimals,
		useGrouping: value >= 10000
	}).format(value);
}

/** Means and standard deviations as printed: two decimals unless whole. */
function formatMeanLike(value: number, locale: Locale): string {
	return formatNumber(value, locale, Number.isInteger(value) ? 0 : Math.max(2, decimalsOf(value)));
}

export function formatNorm(norm: Norm, locale: Locale): string {
	switch (norm.unit) {
		case 'percent':
			return `${formatNumber(norm.value, locale)}%`;
		case 'mean':
			return formatMeanLike(norm.value, locale);
		default:
			return formatNumber(norm.value, locale, 0);
	}
}

export function formatPart(norms: Norms, kind: string, id: string, locale: Locale): string | null {
	const norm = norms[id];
	if (!norm) return null;
	if (kind === 'norm') return formatNorm(norm, locale);
	// An unclear base has nothing to print: the loader refuses {{base:…}} for it.
	if (kind === 'base') return norm.base === 'unclear' ? null : formatNumber(norm.base, locale, 0);
	if (kind === 'count') return norm.count === undefined ? null : formatNumber(norm.count, locale, 0);
	return norm.sd === undefined ? null : formatMeanLike(norm.sd, locale);
}

/** Every placeholder in a text, for validation and for the "sources" list under a lesson. */
export function placeholdersIn(text: string): { kind: string; id: string }[] {
	return [...text.matchAll(PLACEHOLDER)].map((m) => ({ kind: m[1] ?? '', id: m[2] ?? '' }));
}

export function fillFigures(text: string, norms: Norms, locale: Locale): string {
	return text.replace(PLACEHOLDER, (whole, kind: string, id: string) => formatPart(norms, kind, id, locale) ?? whole);
}

/**
 * Numbers that look like study figures typed by hand: any percentage ("87%", "32 procent"), any
 * decimal number, and any whole number of 100 or more that is a norm's base, count or counted value
 * (819, 715, 104 …). Years, scale points and small numbers in prose are allowed.
 * Placeholders are removed first, so only retyped figures remain.
 */
export function retypedFigures(text: string, norms: Norms): string[] {
	const bare = text.replace(PLACEHOLDER, ' ');
	const studyNumbers = new Set<number>();
	for (const n of Object.values(norms)) {
		const candidates = [n.base === 'unclear' ? undefined : n.base, n.count, n.unit === 'count' ? n.value : undefined];
		for (const v of candidates) if (v !== undefined && Number.isInteger(v) && v >= 100) studyNumbers.add(v);
	}
	const found: string[] = [];
	for (const m of bare.matchAll(/\d+(?:[.,]\d+)?\s?(?:%|procent\b|percent\b)|\b\d+[.,]\d+\b|\b\d+\b/gi)) {
		const token = m[0];
		if (/%|procent|percent/i.test(token) || /[.,]/.test(token)) {
			found.push(token.trim());
			continue;
		}
		const value = Number(token);
		const isYear = value >= 1900 && value <= 2100;
		if (!isYear && studyNumbers.has(value)) found.push(token);
	}
	return found;
}
