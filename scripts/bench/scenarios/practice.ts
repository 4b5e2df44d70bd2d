/**
 * The practice pages (issue 15): the due list (/oefenen), a drill the learner practised before (/oefenen/<drill>,
 * which records the view) and its history (/oefenen/<drill>/geschiedenis, with the ratings by others of issue 16).
 */
import type { Learner } from '../seed';
import type { PracticeOf } from '../seed-practice';
import { read } from './read';
import type { Scenario, Site } from './scenario';

/** The learners with a practised drill, each with its id. */
function practising(learners: Learner[], practice: Map<string, PracticeOf>): { learners: Learner[]; drill: (l: Learner) => string } {
	const with_ = learners.filter((l) => practice.get(l.id)?.drillId);
	if (with_.length === 0) throw new Error('no seeded learner has practised a drill');
	return { learners: with_, drill: (l) => practice.get(l.id)!.drillId! };
}

export const practiceDue = (site: Site, readers: Learner[]): Scenario => ({
	name: 'practice due list',
	kind: 'page',
	plan: read(site, readers, () => '/oefenen')
});

export function practiceDrill(site: Site, readers: Learner[], practice: Map<string, PracticeOf>): Scenario {
	const p = practising(readers, practice);
	return { name: 'practice drill', kind: 'page', plan: read(site, p.learners, (l) => `/oefenen/${p.drill(l)}`) };
}

export function drillHistory(site: Site, readers: Learner[], practice: Map<string, PracticeOf>): Scenario {
	const p = practising(readers, practice);
	return { name: 'drill history', kind: 'page', plan: read(site, p.learners, (l) => `/oefenen/${p.drill(l)}/geschiedenis`) };
}
