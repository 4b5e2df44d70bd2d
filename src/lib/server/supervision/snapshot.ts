/**
 * What a supervisor sees of submitted work, frozen at the moment of submission: the choices in each
 * vignette step with the feedback the trainee saw, the quiz answers, and the reflections of the item.
 * Stored as plain text, so later course edits or new attempts do not change what was submitted.
 */
import type { Course, Item, Locale } from '../content';
import { targetKey } from '../content/build'; // not the content index: db:seed-demo runs under tsx, where its import.meta.glob does not exist
import { hasOptions } from '../content/questions';
import type { Db } from '../db';
import type { SubmissionSnapshot } from '../db/schema';
import { itemStatus } from '../learning/progress';
import { quizAttemptsOf } from '../learning/quizzes';
import { reflectionsOf } from '../learning/reflections';
import { vignetteAttemptsOf } from '../learning/vignettes';

export function plain(html: string): string {
	return html
		.replace(/<br\s*\/?>/g, '\n')
		.replace(/<\/(p|li|h\d)>/g, '\n')
		.replace(/<[^>]+>/g, '')
		.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n)))
		.replace(/&amp;/g, '&')
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/\n{3,}/g, '\n\n')
		.trim();
}

export function targetItems(course: Course, targetType: string, targetId: string): Item[] {
	return course.targets.get(targetKey(targetType, targetId))?.items ?? [];
}

async function snapshotItem(db: Db, learnerId: string, item: Item, locale: Locale): Promise<SubmissionSnapshot['items'][number]> {
	const [status, saved] = await Promise.all([
		itemStatus(db, learnerId, item.id),
		reflectionsOf(
			db,
			learnerId,
			item.prompts.map((p) => p.key)
		)
	]);
	const entry: SubmissionSnapshot['items'][number] = { id: item.id, type: item.type, title: item.title[locale], completed: status === 'completed' };
	const prompts = new Map(item.prompts.map((p) => [p.key, plain(p.html[locale])]));
	if (item.type === 'vignette') {
		const [attempt] = await vignetteAttemptsOf(db, learnerId, item.id);
		entry.path = (attempt?.path ?? []).map((p) => {
			const choice = item.steps[p.step]?.choices.find((c) => c.id === p.choice);
			return { step: p.step, choice: choice?.text[locale] ?? p.choice, feedback: plain(choice?.feedbackHtml[locale] ?? '') };
		});
	}
	if (item.type === 'quiz') {
		const [attempt] = await quizAttemptsOf(db, learnerId, item.id);
		entry.answers = [];
		for (const q of item.questions) {
			if (q.kind === 'reflection') continue;
			const value = attempt?.answers.get(q.id);
			if (value === undefined) continue;
			const answer = hasOptions(q)
				? (Array.isArray(value) ? value : [String(value)]).map((id) => q.options.find((o) => o.id === id)?.text[locale] ?? id).join('; ')
				: String(value);
			entry.answers.push({ question: plain(q.promptHtml[locale]), answer, feedback: q.feedbackHtml ? plain(q.feedbackHtml[locale]) : undefined });
		}
	}
	entry.reflections = [...prompts].flatMap(([key, prompt]) => {
		const r = saved.get(key);
		return r && r.body.trim() ? [{ prompt, body: r.body }] : [];
	});
	return entry;
}

export async function buildSnapshot(
	db: Db,
	course: Course,
	learnerId: string,
	targetType: string,
	targetId: string,
	locale: Locale
): Promise<SubmissionSnapshot> {
	const items = [];
	for (const item of targetItems(course, targetType, targetId)) items.push(await snapshotItem(db, learnerId, item, locale));
	return { locale, items };
}
