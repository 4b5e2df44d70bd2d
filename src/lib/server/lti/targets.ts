/**
 * What a link in the LMS can point at: a module, a vignette, a quiz, a drill or the final test, each by the path
 * it lands on. Deep Linking offers them; a launch lands on one (its custom `target`, else its target_link_uri).
 */
import type { Course, L } from '../content';

export type TargetKind = 'module' | 'vignette' | 'quiz' | 'drill' | 'test';
export type LtiTarget = { path: string; kind: TargetKind; title: L; moduleId?: string };

/** The final test's path; its score goes back through postTestScore (grades.ts). */
export const FINAL_TEST_PATH = '/toets';
/** The practice area itself, which a link may land on besides the targets. */
const PRACTICE_PATH = '/oefenen';

/**
 * Every module with its vignettes and quizzes in course order, then the practice drills (not the assessment drills,
 * which only the performance tests use) and the final test; `extra` adds more.
 */
export function ltiTargets(course: Course, extra: LtiTarget[] = []): LtiTarget[] {
	const targets: LtiTarget[] = [];
	for (const module of course.modules) {
		targets.push({ path: `/modules/${module.id}`, kind: 'module', title: module.title, moduleId: module.id });
		for (const item of module.items) {
			if (item.type === 'vignette' || item.type === 'quiz')
				targets.push({ path: `/modules/${module.id}/${item.id}`, kind: item.type, title: item.title, moduleId: module.id });
		}
	}
	for (const drill of course.practice.drills)
		if (drill.pool === 'practice') targets.push({ path: `${PRACTICE_PATH}/${drill.id}`, kind: 'drill', title: drill.title });
	if (course.test) targets.push({ path: FINAL_TEST_PATH, kind: 'test', title: course.test.title });
	return [...targets, ...extra];
}

/**
 * The path a launch lands on: only a path of this tool that names a module or item of the course or one of the
 * other landings, so a link cannot send a learner elsewhere. Anything else lands on the dashboard.
 */
export function landingPath(course: Course, candidates: (string | undefined)[], toolOrigin: string): string {
	for (const candidate of candidates) {
		if (!candidate) continue;
		let url: URL;
		try {
			url = new URL(candidate, toolOrigin);
		} catch {
			continue;
		}
		if (url.origin !== toolOrigin) continue;
		const path = url.pathname.replace(/\/+$/, '');
		const [, section, moduleId, itemId, more] = path.split('/');
		if (section === 'modules' && moduleId && more === undefined) {
			const module = course.modules.find((m) => m.id === moduleId);
			if (module && (itemId === undefined || module.items.some((i) => i.id === itemId))) return path;
		}
		if (path === PRACTICE_PATH || ltiTargets(course).some((t) => t.kind !== 'module' && t.path === path)) return path;
	}
	return '/dashboard';
}
