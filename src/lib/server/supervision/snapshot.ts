/**
 * What a supervisor sees of submitted work, frozen at the moment of submission: the choices in each
 * vignette step with the feedback the trainee saw, the quiz answers, and the reflections of the item.
 * Stored as plain text, so later course edits or new attempts do not change what was submitted.
 */
import type { Course, Item, Locale } from '../content';
import type { Db } from '../db';
import type { SubmissionSnapshot } from '../db/schema';
import { itemStatus } from '../learning/progress';
import { quizAttemptsOf } from '../learning/quizzes';
import { reflectionsOf } from '../learning/reflections';
import { vignetteAttemptsOf } from '../learning/vignettes';
import { reflectionKeysOf } from '../learning/present';

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
	if (targetType === 'module') return course.modules.find((m) => m.id === targetId)?.items ?? [];
	const item = course.items.get(targetId);
	return item && item.type === targetType ? [item] : [];
}

/** The title of what was assigned: the module's or the item's, in the reader's language. */
export function targetTitle(course: Course, targetType: string, targetId: string, locale: Locale): string {
	const title = targetType === 'module' ? course.modules.find((m) => m.id === targetId)?.title : course.items.get(targetId)?.title;
	return title?.[locale] ?? targetId;
}

async function snapshotItem(db: Db, learnerId: string, item: Item, locale: Locale): Promise<SubmissionSnapshot['items'][number]> {
	const [status, saved] = await Promise.all([itemStatus(db, learnerId, item.id), reflectionsOf(db, learnerId, reflectionKeysOf(item))]);
	const entry: SubmissionSnapshot['items'][number] = { id: item.id, type: item.type, title: item.title[locale], completed: status === 'completed' };
	const prompts = new Map<string, string>();
	if (item.type === 'reflection') prompts.set(item.reflectionKey, plain(item.promptHtml[locale]));
	if (item.type === 'vignette') {
		for (const s of Object.values(item.steps)) if (s.reflection) prompts.set(s.reflection.key, plain(s.reflection.html[locale]));
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
			if (q.kind === 'reflection') {
				prompts.set(q.reflectionKey, plain(q.promptHtml[locale]));
				continue;
			}
			const value = attempt?.answers.get(q.id);
			if (value === undefined) continue;
			const answer =
				q.kind === 'single' || q.kind === 'multiple'
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

export async function buildSnapshot(db: Db, course: Course, learnerId: string, targetType: string, targetId: string, locale: Locale): Promise<SubmissionSnapshot> {
	const items = [];
	for (const item of targetItems(course, targetType, targetId)) items.push(await snapshotItem(db, learnerId, item, locale));
	return { locale, items };
}
