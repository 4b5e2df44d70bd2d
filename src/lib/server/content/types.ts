import type { Locale, Norms } from './figures';
import type { Bibliography } from './markdown';
import type { CanmedsRole, GlossaryEntry } from './schema';

export type { CanmedsRole, GlossaryEntry };

export type { Locale, Norms, Bibliography };
export type L<T = string> = Record<Locale, T>;
/** Which support a reflection prompt shows (see `support` in schema.ts). */
export type Support = 'grief';

type ItemBase = { id: string; moduleId: string; version: string; minutes: number; title: L };

export type Lesson = ItemBase & { type: 'lesson'; html: L; norms: string[] };

export type Choice = { id: string; text: L; feedbackHtml: L; next: string };
export type Step = {
	id: string;
	html: L;
	end: boolean;
	choices: Choice[];
	reflection?: { key: string; html: L; support?: Support };
};
export type Vignette = ItemBase & {
	type: 'vignette';
	setting: L;
	start: string;
	steps: Record<string, Step>;
	norms: string[];
};

export type Option = { id: string; text: L; correct: boolean };
type QuestionBase = { id: string; promptHtml: L; feedbackHtml?: L };
export type Question = QuestionBase &
	(
		| { kind: 'single' | 'multiple'; options: Option[] }
		| { kind: 'estimate'; norm: string; min: number; max: number }
		| { kind: 'attitude'; norm: string }
		| { kind: 'scale'; min: number; max: number; minLabel: L; maxLabel: L; compare: string[] }
		| { kind: 'reflection'; reflectionKey: string; support?: Support }
	);
export type Quiz = ItemBase & { type: 'quiz'; questions: Question[]; norms: string[] };

export type ReflectionItem = ItemBase & { type: 'reflection'; promptHtml: L; reflectionKey: string; support?: Support };

export type Item = Lesson | Vignette | Quiz | ReflectionItem;

export type Module = {
	id: string;
	order: number;
	minutes: number;
	title: L;
	summary: L;
	objectives: L<string[]>;
	/** The CanMEDS roles of each objective, in the order of `objectives`. */
	objectiveRoles: CanmedsRole[][];
	items: Item[];
};

export type Course = {
	modules: Module[];
	items: Map<string, Item>;
	norms: Norms;
	bibliography: Bibliography;
	glossary: GlossaryEntry[];
	/** From content/course.yaml where present; `version` is a hash of every content file. */
	info: { updated: string | null; authors: L | null; review: L | null; version: string };
};
