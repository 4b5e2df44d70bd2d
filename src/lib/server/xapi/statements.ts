/**
 * xAPI 2.0 statements (IEEE 9274.1.1) for what a learner does, built as plain data. Verbs come from ADL's
 * published vocabulary (the ones cmi5 also uses); activity ids are IRIs under the installation's origin,
 * listed in the README. The actor is an account on that origin named by an opaque pseudonym, never the
 * e-mail address or the display name.
 */
import type { Activity, Agent, Context, InteractionActivityDefinition, LanguageMap, Result, Statement } from '@xapi/xapi';
import { INTL_LOCALE, LOCALES, type L } from '../content/locales';
import type { Item, Module, Question, Quiz, Step, Vignette } from '../content';
import type { QuizAnswerValue } from '../db/schema';
import { uuidV5 } from './uuid';

const ADL_VERB = 'http://adlnet.gov/expapi/verbs/';
const ADL_ACTIVITY = 'http://adlnet.gov/expapi/activities/';

/** ADL verbs (http://adlnet.gov/expapi/verbs/…), the same IRIs the cmi5 profile defines. */
export const VERBS = {
	initialized: { id: `${ADL_VERB}initialized`, display: { 'en-US': 'initialized' } },
	completed: { id: `${ADL_VERB}completed`, display: { 'en-US': 'completed' } },
	answered: { id: `${ADL_VERB}answered`, display: { 'en-US': 'answered' } },
	passed: { id: `${ADL_VERB}passed`, display: { 'en-US': 'passed' } },
	failed: { id: `${ADL_VERB}failed`, display: { 'en-US': 'failed' } },
	terminated: { id: `${ADL_VERB}terminated`, display: { 'en-US': 'terminated' } }
} as const;

/** ADL activity types. */
export const ACTIVITY_TYPES = {
	course: `${ADL_ACTIVITY}course`,
	module: `${ADL_ACTIVITY}module`,
	simulation: `${ADL_ACTIVITY}simulation`,
	assessment: `${ADL_ACTIVITY}assessment`,
	performance: `${ADL_ACTIVITY}performance`,
	interaction: `${ADL_ACTIVITY}cmi.interaction`
} as const;

/** Where the statements say they come from (context.platform). */
export const PLATFORM = 'Ontroerd';

/** What every statement of one installation shares: its origin, and whether learners' own words may go out. */
export type Site = { origin: string; freeText: boolean };

/** The learner as the LRS knows them: stable per installation, meaningless outside it. */
export function actorOf(site: Site, learnerId: string): Agent {
	return { objectType: 'Agent', account: { homePage: site.origin, name: uuidV5(`actor:${learnerId}`) } };
}

const languageMap = (text: L): LanguageMap => Object.fromEntries(LOCALES.map((locale) => [INTL_LOCALE[locale], text[locale]]));

/** Activity ids: the course, a module, an item and the parts of one, as IRIs under the origin (README: Learning records). */
export const iri = {
	course: (site: Site) => `${site.origin}/modules`,
	module: (site: Site, moduleId: string) => `${site.origin}/modules/${moduleId}`,
	item: (site: Site, item: Pick<Item, 'moduleId' | 'id'>) => `${site.origin}/modules/${item.moduleId}/${item.id}`,
	step: (site: Site, vignette: Vignette, stepId: string) => `${iri.item(site, vignette)}/steps/${encodeURIComponent(stepId)}`,
	question: (site: Site, quiz: Quiz, questionId: string) => `${iri.item(site, quiz)}/questions/${encodeURIComponent(questionId)}`,
	drill: (site: Site, drillId: string) => `${site.origin}/oefenen/${drillId}`,
	test: (site: Site) => `${site.origin}/toets`
};

export function moduleActivity(site: Site, module: Pick<Module, 'id' | 'title'>): Activity {
	return { objectType: 'Activity', id: iri.module(site, module.id), definition: { type: ACTIVITY_TYPES.module, name: languageMap(module.title) } };
}

function itemActivity(site: Site, item: Item, type: string): Activity {
	return { objectType: 'Activity', id: iri.item(site, item), definition: { type, name: languageMap(item.title) } };
}

const courseActivity = (site: Site): Activity => ({ objectType: 'Activity', id: iri.course(site), definition: { type: ACTIVITY_TYPES.course } });

function contextFor(site: Site, module: Pick<Module, 'id' | 'title'>, parent?: Activity): Context {
	return {
		platform: PLATFORM,
		contextActivities: {
			...(parent ? { parent: [parent] } : {}),
			grouping: [moduleActivity(site, module), courseActivity(site)]
		}
	};
}

type Event = { learnerId: string; at: Date };

function statement(site: Site, event: Event, rest: Omit<Statement, 'actor' | 'timestamp'>): Statement {
	return { actor: actorOf(site, event.learnerId), timestamp: event.at.toISOString(), ...rest };
}

/** A module begun (its first item opened) or finished (its last item done). */
export function moduleStatement(site: Site, event: Event, module: Pick<Module, 'id' | 'title'>, verb: 'initialized' | 'completed'): Statement {
	return statement(site, event, {
		verb: VERBS[verb],
		object: moduleActivity(site, module),
		...(verb === 'completed' ? { result: { completion: true } } : {}),
		context: { platform: PLATFORM, contextActivities: { parent: [courseActivity(site)] } }
	});
}

/** One choice in a vignette: the step as a choice interaction, the choice's id as the response. */
export function vignetteDecision(
	site: Site,
	event: Event & { attempt: number },
	module: Pick<Module, 'id' | 'title'>,
	vignette: Vignette,
	step: Step,
	choiceId: string
): Statement {
	const definition: InteractionActivityDefinition = {
		type: ACTIVITY_TYPES.interaction,
		name: languageMap(vignette.title),
		interactionType: 'choice',
		choices: step.choices.map((c) => ({ id: c.id, description: languageMap(c.text) }))
	};
	return statement(site, event, {
		verb: VERBS.answered,
		object: { objectType: 'Activity', id: iri.step(site, vignette, step.id), definition },
		result: { response: choiceId, extensions: { [`${site.origin}/xapi/extensions/attempt`]: event.attempt } },
		context: contextFor(site, module, itemActivity(site, vignette, ACTIVITY_TYPES.simulation))
	});
}

/** The interaction a question is, its response in the xAPI format, and whether it was right where that is defined. */
function interaction(site: Site, question: Question, value: QuizAnswerValue): { definition: InteractionActivityDefinition; result: Result } {
	if (question.kind === 'single' || question.kind === 'multiple') {
		const chosen = Array.isArray(value) ? value : [String(value)];
		const correct = question.options.filter((o) => o.correct).map((o) => o.id);
		const scored = correct.length > 0;
		const right = scored && chosen.length === correct.length && chosen.every((id) => correct.includes(id));
		return {
			definition: {
				type: ACTIVITY_TYPES.interaction,
				interactionType: 'choice',
				choices: question.options.map((o) => ({ id: o.id, description: languageMap(o.text) })),
				...(scored ? { correctResponsesPattern: [correct.join('[,]')] } : {})
			},
			result: { response: chosen.join('[,]'), ...(scored ? { success: right } : {}) }
		};
	}
	if (typeof value === 'number') return { definition: { type: ACTIVITY_TYPES.interaction, interactionType: 'numeric' }, result: { response: String(value) } };
	// Anything else is the learner's own words: sent only where the installation opted in.
	const words = Array.isArray(value) ? value.join(' ') : value;
	return { definition: { type: ACTIVITY_TYPES.interaction, interactionType: 'long-fill-in' }, result: site.freeText ? { response: words } : {} };
}

/** One quiz answer as "answered", with the response (and success where the question has a right answer). */
export function quizAnswer(
	site: Site,
	event: Event & { attempt: number },
	module: Pick<Module, 'id' | 'title'>,
	quiz: Quiz,
	question: Question,
	value: QuizAnswerValue
): Statement {
	const { definition, result } = interaction(site, question, value);
	return statement(site, event, {
		verb: VERBS.answered,
		object: { objectType: 'Activity', id: iri.question(site, quiz, question.id), definition: { name: languageMap(quiz.title), ...definition } },
		result: { ...result, extensions: { [`${site.origin}/xapi/extensions/attempt`]: event.attempt } },
		context: contextFor(site, module, itemActivity(site, quiz, ACTIVITY_TYPES.assessment))
	});
}

/** A drill (deliberate practice) begun (its first view) or answered (the response saved, with the time it took). */
export function drillStatement(site: Site, event: Event, drill: { id: string; title: L }, done: { seconds: number; body: string } | null): Statement {
	return statement(site, event, {
		verb: done ? VERBS.completed : VERBS.initialized,
		object: { objectType: 'Activity', id: iri.drill(site, drill.id), definition: { type: ACTIVITY_TYPES.performance, name: languageMap(drill.title) } },
		...(done
			? {
					result: { completion: true, duration: `PT${Math.max(0, Math.round(done.seconds))}S`, ...(site.freeText && done.body ? { response: done.body } : {}) }
				}
			: {}),
		context: { platform: PLATFORM, contextActivities: { parent: [courseActivity(site)] } }
	});
}

/** The final test passed or failed, with its score: scaled 0..1, raw the items right out of min 0 and max the items drawn. */
export function testStatement(
	site: Site,
	event: Event & { attempt: number },
	test: { title?: L },
	outcome: { correct: number; total: number; passed: boolean }
): Statement {
	const { correct, total, passed } = outcome;
	return statement(site, event, {
		verb: passed ? VERBS.passed : VERBS.failed,
		object: {
			objectType: 'Activity',
			id: iri.test(site),
			definition: { type: ACTIVITY_TYPES.assessment, ...(test.title ? { name: languageMap(test.title) } : {}) }
		},
		result: {
			score: { scaled: total > 0 ? Math.round((correct / total) * 10000) / 10000 : 0, raw: correct, min: 0, max: total },
			success: passed,
			completion: true,
			extensions: { [`${site.origin}/xapi/extensions/attempt`]: event.attempt }
		},
		context: { platform: PLATFORM, contextActivities: { parent: [courseActivity(site)] } }
	});
}
