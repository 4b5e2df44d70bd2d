/** The group's case as the discussion and meeting pages show it: its title and where to open it. */
import { course, type Locale } from '../content';
import type { Group } from '../db/schema';
import { caseItem } from './case';

export type CaseAtHand = { title: string; url: string; resultsUrl: string };

export function caseAtHand(group: Group, locale: Locale): CaseAtHand | null {
	const item = caseItem(course, group);
	if (!item) return null;
	return { title: item.title[locale], url: `/modules/${item.moduleId}/${item.id}`, resultsUrl: `/groups/${group.id}/results` };
}
