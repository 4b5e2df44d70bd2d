import { error, redirect } from '@sveltejs/kit';
import { locale } from '$lib/locale';
import { course, findItem, findModule, type Item } from '$lib/server/content';
import { db, type Db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { mayShareWith } from '$lib/server/policy';
import { touchItem } from '$lib/server/learning/progress';
import { chooseInVignette, restartVignette, vignetteAttemptsOf } from '$lib/server/learning/vignettes';
import { answerQuestion, quizAttemptsOf, retakeQuiz } from '$lib/server/learning/quizzes';
import { REFLECTION_MAX, itemContext, parseSharing, saveReflection } from '$lib/server/learning/reflections';
import { parseAnswer } from '$lib/server/learning/scoring';
import { isNumeric, rangeOf } from '$lib/server/content/questions';
import { presentNorm, presentQuiz, presentReflection, presentVignette } from '$lib/server/learning/present';
import { fail, formValues, parseForm, readForm } from '$lib/server/forms';
import { answerProblems, answerSchema, chooseSchema, completeSchema, reflectSchema } from '$lib/server/learning/forms';
import { pageStudyTimes, parseOpenedAt, recordPost } from '$lib/server/learning/study-time';
import { newWriteKey } from '$lib/write-key';
import { afterProgress } from '$lib/server/lti/after-progress';
import { STEP_PARAM, isSelfRating, reviseAnswer, selfRatingStep, stepAfter, stepOf } from '$lib/server/learning/self-rating';
import { drillAtStep } from '$lib/server/practice/vignette';
import type { Actions, PageServerLoad } from './$types';

function locate(params: { module: string; item: string }) {
	const module = findModule(params.module);
	const item = findItem(params.module, params.item);
	if (!module || !item) error(404, 'Not found');
	const index = module.items.indexOf(item);
	return { module, item, index, next: module.items[index + 1], previous: module.items[index - 1] };
}

function itemUrl(item: Item) {
	return `/modules/${item.moduleId}/${item.id}`;
}

export const load: PageServerLoad = async ({ params, url }) => {
	const user = requireUser();
	const { module, item, index, next, previous } = locate(params);
	const database = await db();
	const keys = item.prompts.map((p) => p.key);
	const [{ status, reflections, groups }, studyTimes] = await Promise.all([itemContext(database, user.id, item.id, keys), pageStudyTimes(database, [item.id])]);
	const common = {
		module: { id: module.id, title: module.title[locale()], count: module.items.length },
		item: {
			id: item.id,
			type: item.type,
			title: item.title[locale()],
			minutes: item.minutes,
			median: studyTimes.items.get(item.id) ?? null,
			position: index + 1
		},
		/** Posted back by the forms: without JavaScript, the time from opening to the first post is study time. */
		openedAt: Date.now(),
		status,
		next: next ? { url: itemUrl(next), title: next.title[locale()] } : null,
		previous: previous ? { url: itemUrl(previous), title: previous.title[locale()] } : null,
		norms: 'norms' in item ? item.norms.map((id) => presentNorm(course, id, locale())).filter((n) => n !== null) : [],
		/** The groups a reflection here can be shared with. */
		groups: groups.map((g) => ({ id: g.id, name: g.name }))
	};
	switch (item.type) {
		case 'lesson':
			return { ...common, lesson: { html: item.html[locale()] } };
		case 'reflection':
			return { ...common, reflection: presentReflection(item.prompts[0]!, reflections.get(item.reflectionKey), locale()) };
		case 'vignette': {
			const attempts = await vignetteAttemptsOf(database, user.id, item.id);
			// Issue 15: a practice drill at this step asks for the learner's own words before the choices.
			const practice = await drillAtStep(database, user.id, item, attempts[0]);
			return { ...common, vignette: presentVignette(item, attempts, reflections, locale()), practice };
		}
		case 'quiz': {
			const quiz = presentQuiz(course, item, await quizAttemptsOf(database, user.id, item.id), reflections, locale());
			// The figures list names every figure of the quiz, its feedback's included, so a figure of an
			// answered question can still answer one that is not. Listing it only once all are answered
			// cannot give one away; it stays out of the page data until then (a retake hides it again).
			const norms = quiz.answeredCount === quiz.total ? common.norms : [];
			// The self-rating shows one statement per screen, named by the URL (null: the summary).
			const answered = quiz.questions.filter((q) => q.kind !== 'reflection').map((q) => q.answered);
			const selfRating = isSelfRating(item) ? { step: selfRatingStep(answered, url.searchParams.get(STEP_PARAM)) } : null;
			// One key per page render serves every question's form: the server scopes it by question.
			return { ...common, norms, quiz: { ...quiz, selfRating, writeKey: newWriteKey() } };
		}
	}
};

/**
 * A plain form post is a tick of the study-time clock used without JavaScript (learning/study-time.ts).
 * Enhanced posts (use:enhance and the reflection autosave send x-sveltekit-action) are skipped: with
 * JavaScript the page's heartbeats count, and an autosave every few seconds would be a write each.
 */
async function notePost(database: Db, learnerId: string, item: Item, request: Request, openedAt: string | undefined): Promise<void> {
	if (request.headers.get('x-sveltekit-action') === 'true') return;
	await recordPost(database, learnerId, item.id, parseOpenedAt(openedAt ?? null));
}

export const actions: Actions = {
	complete: async ({ params, request }) => {
		const user = requireUser();
		const { item, next } = locate(params);
		if (item.type !== 'lesson') return fail(400, { message: 'error_bad_request' });
		const { openedAt } = completeSchema.parse(formValues(await readForm(request)));
		const database = await db();
		await touchItem(database, user.id, item, 'completed');
		await notePost(database, user.id, item, request, openedAt);
		afterProgress(user.id, item.moduleId);
		redirect(303, next ? itemUrl(next) : `/modules/${item.moduleId}?done=1`);
	},

	choose: async ({ params, request }) => {
		const user = requireUser();
		const { item } = locate(params);
		if (item.type !== 'vignette') return fail(400, { message: 'error_bad_request' });
		const { step, choice, openedAt } = chooseSchema.parse(formValues(await readForm(request)));
		const database = await db();
		const result = await chooseInVignette(database, user.id, item, step, choice);
		if (!result.ok) {
			return result.reason === 'stale-step' ? fail(409, { message: 'error_stale_step' }) : fail(400, { message: 'error_unknown_choice' });
		}
		await notePost(database, user.id, item, request, openedAt);
		afterProgress(user.id, item.moduleId);
		redirect(303, `${itemUrl(item)}#gekozen`);
	},

	restart: async ({ params }) => {
		const user = requireUser();
		const { item } = locate(params);
		if (item.type !== 'vignette') return fail(400, { message: 'error_bad_request' });
		await restartVignette(await db(), user.id, item);
		redirect(303, itemUrl(item));
	},

	answer: async ({ params, request }) => {
		const user = requireUser();
		const { item } = locate(params);
		if (item.type !== 'quiz') return fail(400, { message: 'error_bad_request' });
		const parsed = parseForm(answerSchema(item), await readForm(request), ['answer']);
		// `question: null` keeps these refusals apart from a refused answer in ActionData (else its type absorbs that one's).
		if (!parsed.ok) return fail(400, { question: null, message: parsed.errors.question ?? 'error_bad_request' });
		const { question: questionId, writeKey, answer: raw, openedAt } = parsed.data;
		const question = item.questions.find((q) => q.id === questionId);
		if (!question || question.kind === 'reflection') return fail(400, { question: null, message: 'error_unknown_question' });
		const answer = parseAnswer(question, raw);
		if (!answer.ok) {
			const { min, max } = isNumeric(question) ? rangeOf(question) : { min: undefined, max: undefined };
			return fail(400, { question: questionId, message: answerProblems[answer.error], min, max, raw: raw[0] ?? '' });
		}
		const database = await db();
		await answerQuestion(database, user.id, item, questionId, answer.value, writeKey);
		await notePost(database, user.id, item, request, openedAt);
		afterProgress(user.id, item.moduleId);
		redirect(303, isSelfRating(item) ? `${itemUrl(item)}?${STEP_PARAM}=${stepAfter(item, questionId)}` : `${itemUrl(item)}#q-${questionId}`);
	},

	/** The self-rating: a learner goes back and changes an opinion (the `answer` action keeps the first one). */
	rerate: async ({ params, request }) => {
		const user = requireUser();
		const { item } = locate(params);
		if (item.type !== 'quiz' || !isSelfRating(item)) return fail(400, { question: null, message: 'error_bad_request' });
		const parsed = parseForm(answerSchema(item), await readForm(request), ['answer']);
		if (!parsed.ok || !parsed.data.writeKey) return fail(400, { question: null, message: 'error_bad_request' });
		const { question: questionId, writeKey, answer: raw, openedAt } = parsed.data;
		const question = item.questions.filter(isNumeric).find((q) => q.id === questionId && q.kind !== 'estimate');
		if (!question) return fail(400, { question: null, message: 'error_bad_request' });
		const answer = parseAnswer(question, raw);
		if (!answer.ok) return fail(400, { question: questionId, message: answerProblems[answer.error], ...rangeOf(question), raw: raw[0] ?? '' });
		const database = await db();
		await reviseAnswer(database, user.id, item, questionId, answer.value, writeKey);
		await notePost(database, user.id, item, request, openedAt);
		redirect(303, `${itemUrl(item)}?${STEP_PARAM}=${stepOf(item, questionId)}`);
	},

	retake: async ({ params }) => {
		const user = requireUser();
		const { item } = locate(params);
		if (item.type !== 'quiz') return fail(400, { message: 'error_bad_request' });
		await retakeQuiz(await db(), user.id, item);
		redirect(303, itemUrl(item));
	},

	reflect: async ({ params, request }) => {
		const user = requireUser();
		const { item } = locate(params);
		const parsed = parseForm(reflectSchema(item.prompts.map((p) => p.key)), await readForm(request));
		if (!parsed.ok) return fail(400, { message: 'error_bad_request' });
		const { key, body, version: baseVersion, writeKey, openedAt } = parsed.data;
		// Left out (an older page or client) keeps what is stored; anything else must be a known choice,
		// and a group only one the learner is in.
		const database = await db();
		const sharing = parsed.data.visibility === undefined ? undefined : parseSharing(parsed.data.visibility, parsed.data.named);
		const visibility = parsed.data.visibility?.slice(0, 50) || undefined;
		const named = parsed.data.named === '1';
		if (sharing === null || (sharing?.visibility === 'group' && !(await mayShareWith(database, user, sharing.groupId)))) {
			return fail(400, { reflection: { key, body, named, message: 'error_reflection_visibility' } });
		}
		if (body.length > REFLECTION_MAX) {
			return fail(413, { reflection: { key, body, visibility, named, message: 'error_reflection_too_long', length: body.length } });
		}
		const result = await saveReflection(database, user.id, { key, item, body, baseVersion, sharing, writeKey });
		await notePost(database, user.id, item, request, openedAt);
		if (result.ok) afterProgress(user.id, item.moduleId);
		if (!result.ok) {
			const { conflict } = result;
			return fail(409, {
				reflection: {
					key,
					body,
					visibility,
					named,
					message: 'error_reflection_conflict',
					conflict: { body: conflict.body, version: conflict.version, visibility: conflict.visibility, named: conflict.named }
				}
			});
		}
		return {
			reflection: { key, saved: true, version: result.version, visibility: result.visibility, named: result.named, savedAt: result.savedAt.toISOString() }
		};
	}
};
