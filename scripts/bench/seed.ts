/**
 * The benchmark's population, written straight through the drizzle schema in bulk inserts:
 * supervisors with cohorts, learners spread over the whole course (progress, vignette attempts,
 * quiz answers, reflections) and assignments in every state. Deterministic for a given seed.
 */
import { getTableColumns } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../src/lib/server/db';
import {
	assignmentLearners,
	assignments,
	cohortMembers,
	cohorts,
	progress,
	quizAnswers,
	quizAttempts,
	reflections,
	users,
	vignetteAttempts,
	type PathEntry,
	type QuizAnswerValue
} from '../../src/lib/server/db/schema';
import type { Course, Item, Question, Quiz, Vignette } from '../../src/lib/server/content/build';

const DAY = 24 * 60 * 60 * 1000;
/** PostgreSQL takes at most 65,535 parameters per statement. */
const MAX_PARAMS = 60_000;

export function rng(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

async function bulk<T extends PgTable>(db: Db, table: T, rows: T['$inferInsert'][]): Promise<void> {
	if (rows.length === 0) return;
	const columns = Object.keys(getTableColumns(table)).length;
	const size = Math.max(1, Math.floor(MAX_PARAMS / columns));
	for (let i = 0; i < rows.length; i += size) await db.insert(table).values(rows.slice(i, i + size));
}

/** One open quiz question a learner has not answered yet: the write scenario posts it. */
export type OpenQuestion = { moduleId: string; quizId: string; question: Question };
export type Learner = { id: string; email: string; open: OpenQuestion[]; reflections: Map<string, number> };
export type Population = { learners: Learner[]; supervisors: { id: string; cohortId: string }[] };

const REFLECTION_TEXT =
	'Toen mijn cliënt begon te huilen merkte ik dat mijn eigen keel dichtkneep. Ik heb even gewacht, ademgehaald en gezegd dat ik zag hoe moeilijk dit was. Achteraf vraag ik me af of ik te snel de stilte heb opgevuld; in supervisie wil ik bespreken hoe ik ruimte laat zonder me terug te trekken. ';

function answerFor(q: Question, r: () => number): QuizAnswerValue | null {
	switch (q.kind) {
		case 'single':
			return q.options[Math.floor(r() * q.options.length)]?.id ?? null;
		case 'multiple': {
			const picked = q.options.filter(() => r() < 0.5).map((o) => o.id);
			return picked.length ? picked.sort() : [q.options[0]?.id ?? ''];
		}
		case 'estimate':
		case 'scale':
			return Math.round(q.min + r() * (q.max - q.min));
		case 'attitude':
			return 1 + Math.floor(r() * 7);
		default:
			return null;
	}
}

/** A form value for an open question, as the quiz form posts it. */
export function formAnswer(q: Question, r: () => number): string[] {
	const value = answerFor(q, r);
	if (value === null) return [];
	return Array.isArray(value) ? value : [String(value)];
}

type Rows = {
	users: (typeof users.$inferInsert)[];
	cohorts: (typeof cohorts.$inferInsert)[];
	members: (typeof cohortMembers.$inferInsert)[];
	progress: (typeof progress.$inferInsert)[];
	vignettes: (typeof vignetteAttempts.$inferInsert)[];
	quizzes: { row: typeof quizAttempts.$inferInsert; answers: Omit<typeof quizAnswers.$inferInsert, 'attemptId'>[] }[];
	reflections: (typeof reflections.$inferInsert)[];
};

function walk(v: Vignette, pick: number, maxSteps: number): { path: PathEntry[]; current: string; ended: boolean } {
	const path: PathEntry[] = [];
	let step = v.steps[v.start];
	let current = v.start;
	for (let n = 0; step && !step.end && n < maxSteps; n++) {
		const choice = step.choices[(pick + n) % step.choices.length];
		if (!choice) break;
		path.push({ step: step.id, choice: choice.id });
		current = choice.next;
		step = v.steps[choice.next];
	}
	return { path, current, ended: v.steps[current]?.end === true };
}

/** Works one learner through the first `upTo` items (the last one possibly half done). */
function workLearner(rows: Rows, course: Course, learner: Learner, r: () => number, now: number): void {
	const all = course.modules.flatMap((m) => m.items);
	const fresh = r() < 0.15;
	const done = fresh ? 0 : Math.floor(r() * (all.length + 1));
	const half = done < all.length && !fresh && r() < 0.7;
	let t = now - 60 * DAY + Math.floor(r() * 20 * DAY);
	const step = (40 * DAY) / Math.max(1, done + 1);
	const reflect = (key: string, item: Item, at: number) => {
		const version = 1 + Math.floor(r() * 4);
		learner.reflections.set(key, version);
		rows.reflections.push({
			learnerId: learner.id,
			promptKey: key,
			itemId: item.id,
			body: REFLECTION_TEXT.repeat(1 + Math.floor(r() * 3)),
			version,
			visibility: r() < 0.2 ? 'supervisor' : 'private',
			contentVersion: item.version,
			updatedAt: new Date(at)
		});
	};
	const quizWork = (quiz: Quiz, complete: boolean, at: number) => {
		const answerable = quiz.questions.filter((q) => q.kind !== 'reflection');
		const count = complete ? answerable.length : Math.floor(answerable.length / 2);
		const answers = answerable.slice(0, count).flatMap((q) => {
			const answer = answerFor(q, r);
			return answer === null ? [] : [{ questionId: q.id, answer, contentVersion: quiz.version, answeredAt: new Date(at) }];
		});
		rows.quizzes.push({
			row: { learnerId: learner.id, quizId: quiz.id, attempt: 1, createdAt: new Date(at), completedAt: complete ? new Date(at) : null },
			answers
		});
		for (const q of answerable.slice(count)) learner.open.push({ moduleId: quiz.moduleId, quizId: quiz.id, question: q });
		for (const q of quiz.questions) if (q.kind === 'reflection' && complete && r() < 0.6) reflect(q.reflectionKey, quiz, at);
	};
	all.forEach((item, index) => {
		const complete = index < done;
		const started = index === done && half;
		if (!complete && !started) {
			if (item.type === 'quiz')
				for (const q of item.questions) if (q.kind !== 'reflection') learner.open.push({ moduleId: item.moduleId, quizId: item.id, question: q });
			return;
		}
		t += step * (0.5 + r());
		const at = Math.min(t, now - 60_000);
		const status = complete ? 'completed' : 'started';
		switch (item.type) {
			case 'lesson':
				break;
			case 'reflection':
				if (complete) reflect(item.reflectionKey, item, at);
				break;
			case 'vignette': {
				const w = walk(item, Math.floor(r() * 3), complete ? 30 : 2);
				rows.vignettes.push({
					learnerId: learner.id,
					vignetteId: item.id,
					attempt: 1,
					currentStep: w.current,
					path: w.path,
					contentVersion: item.version,
					createdAt: new Date(at),
					completedAt: complete && w.ended ? new Date(at) : null
				});
				for (const p of w.path) {
					const prompt = item.steps[p.step]?.reflection;
					if (prompt && r() < 0.5) reflect(prompt.key, item, at);
				}
				break;
			}
			case 'quiz':
				quizWork(item, complete, at);
				break;
		}
		rows.progress.push({ learnerId: learner.id, moduleId: item.moduleId, itemId: item.id, status, contentVersion: item.version, updatedAt: new Date(at) });
	});
}

export type PopulationSpec = {
	/** Unique label so repeated calls add new people. */
	label: string;
	cohorts: number;
	perCohort: number;
	seed: number;
	passwordHash: string;
};

/** Adds `cohorts` supervisors, each with a cohort of `perCohort` learners, their work and two assignments. */
export async function addPopulation(db: Db, course: Course, spec: PopulationSpec): Promise<Population> {
	const r = rng(spec.seed);
	const now = Date.now();
	const rows: Rows = { users: [], cohorts: [], members: [], progress: [], vignettes: [], quizzes: [], reflections: [] };
	const population: Population = { learners: [], supervisors: [] };
	const firstModule = course.modules[0];
	const secondVignette = course.modules[1]?.items.find((i) => i.type === 'vignette');
	const assignmentRows: (typeof assignments.$inferInsert)[] = [];
	for (let c = 0; c < spec.cohorts; c++) {
		const supervisorId = crypto.randomUUID();
		const cohortId = crypto.randomUUID();
		rows.users.push({
			id: supervisorId,
			email: `sup-${spec.label}-${c}@bench.ontroerd.nl`,
			displayName: `Supervisor ${spec.label} ${c}`,
			passwordHash: spec.passwordHash,
			role: 'supervisor'
		});
		rows.cohorts.push({ id: cohortId, supervisorId, name: `Cohort ${spec.label} ${c}`, createdAt: new Date(now - 90 * DAY) });
		population.supervisors.push({ id: supervisorId, cohortId });
		if (firstModule)
			assignmentRows.push({ cohortId, targetType: 'module', targetId: firstModule.id, dueAt: new Date(now + 14 * DAY), note: 'Module 1 voor de supervisie.' });
		if (secondVignette) assignmentRows.push({ cohortId, targetType: 'vignette', targetId: secondVignette.id, dueAt: new Date(now - 3 * DAY), note: '' });
		for (let i = 0; i < spec.perCohort; i++) {
			const learner: Learner = { id: crypto.randomUUID(), email: `l-${spec.label}-${c}-${i}@bench.ontroerd.nl`, open: [], reflections: new Map() };
			rows.users.push({
				id: learner.id,
				email: learner.email,
				displayName: `Deelnemer ${spec.label} ${c}-${String(i).padStart(3, '0')}`,
				passwordHash: spec.passwordHash,
				role: 'trainee',
				createdAt: new Date(now - 90 * DAY)
			});
			rows.members.push({ cohortId, learnerId: learner.id, joinedAt: new Date(now - 80 * DAY) });
			workLearner(rows, course, learner, r, now);
			population.learners.push(learner);
		}
	}
	await bulk(db, users, rows.users);
	await bulk(db, cohorts, rows.cohorts);
	await bulk(db, cohortMembers, rows.members);
	await bulk(db, progress, rows.progress);
	await bulk(db, vignetteAttempts, rows.vignettes);
	await bulk(db, reflections, rows.reflections);
	// Quiz attempts first (serial ids), then their answers.
	for (let i = 0; i < rows.quizzes.length; i += 5_000) {
		const slice = rows.quizzes.slice(i, i + 5_000);
		const ids = await db
			.insert(quizAttempts)
			.values(slice.map((q) => q.row))
			.returning({ id: quizAttempts.id });
		const answers = slice.flatMap((q, j) => q.answers.map((a) => ({ ...a, attemptId: ids[j]?.id ?? 0 })));
		await bulk(db, quizAnswers, answers);
	}
	// Assignments: the module one open, the vignette one late; some work submitted and reviewed.
	const made = assignmentRows.length
		? await db.insert(assignments).values(assignmentRows).returning({ id: assignments.id, cohortId: assignments.cohortId })
		: [];
	const work: (typeof assignmentLearners.$inferInsert)[] = [];
	for (const a of made) {
		for (const m of rows.members.filter((x) => x.cohortId === a.cohortId)) {
			const x = r();
			const submitted = x < 0.3;
			work.push({
				assignmentId: a.id,
				learnerId: m.learnerId,
				submittedAt: submitted ? new Date(now - 2 * DAY) : null,
				snapshot: submitted ? { locale: 'nl', items: [] } : null,
				feedback: x < 0.1 ? 'Mooi uitgewerkt; laten we de tweede keuze bespreken.' : null,
				reviewedAt: x < 0.1 ? new Date(now - DAY) : null
			});
		}
	}
	await bulk(db, assignmentLearners, work);
	return population;
}
