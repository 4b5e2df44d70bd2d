/**
 * The group's choices side by side, without giving anyone away. For each decision point of the
 * vignette (or each quiz question) every member counts with their latest attempt only. A chart
 * exists only from MIN_ANSWERS answers; below that the page learns nothing but "not yet". Names
 * appear only for members who opted in, and are withheld where they would leave exactly one other
 * member's answer to be read off by subtraction. The viewer's own choice is marked for them alone.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db';
import { quizAnswers, quizAttempts, vignetteAttempts, type Group, type QuizAnswerValue } from '../db/schema';
import type { Course, Locale, Question, Quiz, Vignette } from '../content';
import { INTL_LOCALE } from '../content/locales';
import { answeredByNorm } from '../content/questions';
import { ATTITUDE_SCALE } from '../content/schema';
import { presentNorm, type NormView } from '../learning/present';
import { agrees } from '../learning/scoring';
import { caseItem } from './case';
import { membersOfGroup } from './groups';

export const MIN_ANSWERS = 3;

export type Option = { id: string; label: string };
/** One member's answer to one question: the option ids they chose; `name` only when they opted in. */
export type MemberAnswer = { memberId: string; name: string | null; chosen: string[] };
export type Bar = Option & { letter: string; count: number; names: string[]; mine: boolean };
export type Distribution = { shown: false } | { shown: true; answered: number; bars: Bar[]; namesWithheld: boolean };

const letter = (i: number) => String.fromCharCode(65 + i);

/** The pure heart of the page: what may be shown of these answers to this viewer. */
export function distribution(options: Option[], answers: MemberAnswer[], viewerId: string): Distribution {
	if (answers.length < MIN_ANSWERS) return { shown: false };
	const anonymousOthers = answers.filter((a) => a.name === null && a.memberId !== viewerId).length;
	const namedOthers = answers.filter((a) => a.name !== null && a.memberId !== viewerId).length;
	const namesWithheld = anonymousOthers === 1 && namedOthers > 0;
	const bars = options.map((o, i) => {
		const picked = answers.filter((a) => a.chosen.includes(o.id));
		return {
			...o,
			letter: letter(i),
			count: picked.length,
			names: namesWithheld ? [] : picked.flatMap((a) => (a.name === null ? [] : [a.name])).sort((x, y) => x.localeCompare(y)),
			mine: picked.some((a) => a.memberId === viewerId)
		};
	});
	return { shown: true, answered: answers.length, bars, namesWithheld };
}

export type QuestionResult = { id: string; heading: string; promptHtml: string; kind: string; result: Distribution; norm: NormView | null };

/** Per member: the path of their latest attempt at the vignette. */
export function vignetteQuestions(
	v: Vignette,
	latest: Map<string, { step: string; choice: string }[]>,
	names: Map<string, string | null>,
	viewerId: string,
	locale: Locale,
	heading: (n: number) => string
): QuestionResult[] {
	return Object.values(v.steps)
		.filter((s) => !s.end && s.choices.length > 0)
		.map((s, i) => {
			const answers = [...latest].flatMap(([memberId, path]) => {
				const entry = path.find((p) => p.step === s.id);
				return entry ? [{ memberId, name: names.get(memberId) ?? null, chosen: [entry.choice] }] : [];
			});
			const options = s.choices.map((c) => ({ id: c.id, label: c.text[locale] }));
			return { id: s.id, heading: heading(i + 1), promptHtml: s.html[locale], kind: 'choice', result: distribution(options, answers, viewerId), norm: null };
		});
}

/** The answer options a question's answers fall into: its options, agree/neutral/disagree, or ranges of numbers. */
export function optionsOf(
	q: Question,
	locale: Locale,
	labels: { agree: string; neutral: string; disagree: string }
): { options: Option[]; bucket: (v: QuizAnswerValue) => string[] } | null {
	switch (q.kind) {
		case 'single':
		case 'multiple':
			return { options: q.options.map((o) => ({ id: o.id, label: o.text[locale] })), bucket: (v) => (Array.isArray(v) ? v : [String(v)]) };
		case 'attitude':
			return {
				options: [
					{ id: 'agree', label: labels.agree },
					{ id: 'neutral', label: labels.neutral },
					{ id: 'disagree', label: labels.disagree }
				],
				bucket: (v) => [agrees(Number(v)) ? 'agree' : Number(v) === ATTITUDE_SCALE.neutral ? 'neutral' : 'disagree']
			};
		case 'estimate':
		case 'scale': {
			// A rating scale (1–10) per value; a wider range (0–100%) in five ranges, the last one closed.
			const wide = q.max - q.min >= 10;
			const width = wide ? Math.ceil((q.max - q.min) / 5) : 1;
			const bins = wide ? 5 : q.max - q.min + 1;
			const ranges = Array.from({ length: bins }, (_, i): [number, number] => [q.min + i * width, i === bins - 1 ? q.max : q.min + (i + 1) * width - 1]);
			const format = new Intl.NumberFormat(INTL_LOCALE[locale]);
			return {
				options: ranges.map(([lo, hi]) => ({ id: `${lo}`, label: lo === hi ? format.format(lo) : `${format.format(lo)}–${format.format(hi)}` })),
				bucket: (v) => {
					const n = Number(v);
					const range = ranges.find(([lo], i) => n >= lo && n <= q.max && (i === ranges.length - 1 || n < (ranges[i + 1]?.[0] ?? Infinity)));
					return range ? [`${range[0]}`] : [];
				}
			};
		}
		default:
			return null;
	}
}

export function quizQuestions(
	course: Course,
	quiz: Quiz,
	latest: Map<string, Map<string, QuizAnswerValue>>,
	names: Map<string, string | null>,
	viewerId: string,
	locale: Locale,
	labels: { agree: string; neutral: string; disagree: string; heading: (n: number) => string }
): QuestionResult[] {
	const results: QuestionResult[] = [];
	for (const q of quiz.questions) {
		const shape = optionsOf(q, locale, labels);
		if (!shape) continue;
		const answers = [...latest].flatMap(([memberId, given]) => {
			const value = given.get(q.id);
			return value === undefined ? [] : [{ memberId, name: names.get(memberId) ?? null, chosen: shape.bucket(value) }];
		});
		const norm = answeredByNorm(q) ? presentNorm(course, q.norm, locale) : null;
		results.push({
			id: q.id,
			heading: labels.heading(results.length + 1),
			promptHtml: q.promptHtml[locale],
			kind: q.kind,
			result: distribution(shape.options, answers, viewerId),
			norm
		});
	}
	return results;
}

async function latestPaths(db: Db, itemId: string, memberIds: string[]) {
	const rows = await db
		.select({ learnerId: vignetteAttempts.learnerId, path: vignetteAttempts.path })
		.from(vignetteAttempts)
		.where(and(eq(vignetteAttempts.vignetteId, itemId), inArray(vignetteAttempts.learnerId, memberIds)))
		.orderBy(desc(vignetteAttempts.attempt));
	const latest = new Map<string, { step: string; choice: string }[]>();
	for (const r of rows) if (!latest.has(r.learnerId)) latest.set(r.learnerId, r.path);
	return latest;
}

async function latestAnswers(db: Db, itemId: string, memberIds: string[]) {
	const attempts = await db
		.select({ id: quizAttempts.id, learnerId: quizAttempts.learnerId })
		.from(quizAttempts)
		.where(and(eq(quizAttempts.quizId, itemId), inArray(quizAttempts.learnerId, memberIds)))
		.orderBy(desc(quizAttempts.attempt));
	const latestAttempt = new Map<string, number>();
	for (const a of attempts) if (!latestAttempt.has(a.learnerId)) latestAttempt.set(a.learnerId, a.id);
	const ids = [...latestAttempt.values()];
	const answers = ids.length === 0 ? [] : await db.select().from(quizAnswers).where(inArray(quizAnswers.attemptId, ids));
	const latest = new Map<string, Map<string, QuizAnswerValue>>();
	for (const [learnerId, attemptId] of latestAttempt)
		latest.set(learnerId, new Map(answers.filter((a) => a.attemptId === attemptId).map((a) => [a.questionId, a.answer])));
	return latest;
}

export type ResultLabels = { agree: string; neutral: string; disagree: string; decision: (n: number) => string; question: (n: number) => string };

/** The results of the group's current case for one member of it (the route has settled membership). */
export async function groupResults(db: Db, course: Course, group: Group, viewerId: string, locale: Locale, labels: ResultLabels) {
	const item = caseItem(course, group);
	if (!item) return null;
	const members = await membersOfGroup(db, group.id);
	const ids = members.map((m) => m.id);
	const names = new Map(members.map((m) => [m.id, m.showName ? m.displayName : null]));
	const questions =
		item.type === 'vignette'
			? vignetteQuestions(item, await latestPaths(db, item.id, ids), names, viewerId, locale, labels.decision)
			: quizQuestions(course, item, await latestAnswers(db, item.id, ids), names, viewerId, locale, { ...labels, heading: labels.question });
	return { item, questions };
}
