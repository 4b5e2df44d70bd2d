/** What the About page says about the installation: versions, the content date and where to report content errors. */
import pkg from '../../../package.json';
import { course, type Locale } from './content';
import { formatReferences } from './content/references';
import { CANMEDS_ROLES } from './content/schema';

export type Contact = { href: string; label: string };

/**
 * CONTENT_CONTACT is an e-mail address or an http(s) address (a form, an issue tracker).
 * Anything else is ignored, so a typo never renders as a broken or unsafe link.
 */
export function contentContact(value = process.env.CONTENT_CONTACT): Contact | null {
	const v = value?.trim();
	if (!v) return null;
	if (/^[^\s@<>"']+@[^\s@<>"']+\.[^\s@<>"']+$/.test(v)) return { href: `mailto:${v}`, label: v };
	try {
		const url = new URL(v);
		if (url.protocol === 'https:' || url.protocol === 'http:') return { href: url.href, label: v };
	} catch {
		// not a URL: fall through
	}
	return null;
}

export function aboutCourse(locale: Locale) {
	const { info } = course;
	return {
		appVersion: pkg.version,
		contentVersion: info.version,
		updated: info.updated,
		authors: info.authors?.[locale] ?? null,
		review: info.review?.[locale] ?? null,
		contact: contentContact(),
		references: formatReferences(course.bibliography),
		/** Which CanMEDS roles each module's objectives train, in the framework's order. */
		modules: course.modules.map((module) => {
			const trained = new Set(module.objectiveRoles.flat());
			return { id: module.id, order: module.order, title: module.title[locale], roles: CANMEDS_ROLES.filter((r) => trained.has(r)) };
		})
	};
}
