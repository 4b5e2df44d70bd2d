/**
 * The course, read once and immutable in memory. Vite bundles content/ into the server build,
 * so `node build` needs no content folder and an invalid course fails the build and the tests.
 */
import { targetKey, type Course, type Item, type Module, type Target } from './build';
import { loadCourse } from './load';

const raw = import.meta.glob('/content/**/*.{md,yaml}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

function withoutPrefix(files: Record<string, string>): Record<string, string> {
	return Object.fromEntries(
		Object.entries(files)
			.filter(([path]) => !path.endsWith('/README.md'))
			.map(([path, text]) => [path.replace(/^\/content\//, ''), text])
	);
}

export const course: Course = loadCourse(withoutPrefix(raw));

export function findModule(id: string): Module | undefined {
	return course.modules.find((m) => m.id === id);
}

export function findItem(moduleId: string, itemId: string): Item | undefined {
	const item = course.items.get(itemId);
	return item && item.moduleId === moduleId ? item : undefined;
}

/** What an assignment or a group's case points at ("module", "vignette", "quiz" … and an id): its title and items. */
export function findTarget(type: string, id: string): Target | undefined {
	return course.targets.get(targetKey(type, id));
}

export { targetKey };
export type { Course, Item, Lesson, Module, Question, Quiz, ReflectionItem, ReflectionPrompt, Step, Target, Vignette } from './build';
export type { L, Locale } from './locales';
export type { Norms } from './figures';
export type { Bibliography } from './markdown';
export type { Test, TestItem } from './test-pool';
export type { CanmedsRole, GlossaryEntry, PracticeRung, PracticeSkill, QuestionKind, Support } from './schema';
export type { Calibration, Drill, Practice, Rubric, SelfEfficacy } from './practice';
export { PRACTICE_RUNGS, PRACTICE_SKILLS } from './schema';

/** A drill of the practice area by its id. */
export function findDrill(id: string) {
	return course.practice.drills.find((d) => d.id === id);
}
