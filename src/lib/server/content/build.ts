/** Merges the Dutch and English files of one item (already checked to share a structure) and renders them. */
import { fillFigures, placeholdersIn, type Locale, type Norms } from './figures';
import { renderMarkdown, type Bibliography } from './markdown';
import type { RawLesson, RawQuestion, RawQuiz, RawReflection, RawVignette } from './schema';
import type { Item, L, Question, Step } from './types';

type Raw = RawLesson | RawVignette | RawQuiz | RawReflection;
type Input = { id: string; moduleId: string; version: string; raw: Record<Locale, Raw>; norms: Norms; bibliography: Bibliography; refs: string[] };

export function buildItem({ id, moduleId, version, raw, norms, bibliography, refs }: Input): Item {
	const { nl, en } = raw;
	/** Picks one text from the Dutch and the English file and fills in its figures. */
	const text = (pick: (r: Raw) => string | undefined): L => ({
		nl: fillFigures(pick(nl) ?? '', norms, 'nl'),
		en: fillFigures(pick(en) ?? '', norms, 'en')
	});
	const html = (pick: (r: Raw) => string | undefined, inline = false): L => ({
		nl: renderMarkdown(fillFigures(pick(nl) ?? '', norms, 'nl'), bibliography, inline),
		en: renderMarkdown(fillFigures(pick(en) ?? '', norms, 'en'), bibliography, inline)
	});
	/** Norms quoted anywhere in the item, so the page can list them with base and source. */
	const quoted = [...new Set([...placeholdersIn(JSON.stringify(nl)).map((p) => p.id), ...refs])];
	const base = { id, moduleId, version, minutes: nl.minutes, title: text((r) => r.title) };

	if (nl.type === 'lesson') {
		return { ...base, type: 'lesson', html: html((r) => (r as RawLesson).body), norms: quoted };
	}
	if (nl.type === 'reflection') {
		return { ...base, type: 'reflection', promptHtml: html((r) => (r as RawReflection).prompt), reflectionKey: id, support: nl.support };
	}
	if (nl.type === 'vignette') {
		const steps: Record<string, Step> = {};
		nl.steps.forEach((step, i) => {
			const at = (r: Raw) => (r as RawVignette).steps[i];
			steps[step.id] = {
				id: step.id,
				html: html((r) => at(r)?.text),
				end: step.end === true,
				reflection: step.reflection ? { key: `${id}/${step.id}`, html: html((r) => at(r)?.reflection?.prompt), support: step.reflection.support } : undefined,
				choices: (step.choices ?? []).map((c, j) => ({
					id: c.id,
					next: c.next,
					text: text((r) => at(r)?.choices?.[j]?.text),
					feedbackHtml: html((r) => at(r)?.choices?.[j]?.feedback)
				}))
			};
		});
		return { ...base, type: 'vignette', setting: text((r) => (r as RawVignette).setting), start: nl.start, steps, norms: quoted };
	}
	const questions = nl.questions.map((q, i): Question => {
		const at = (r: Raw) => (r as RawQuiz).questions[i] as RawQuestion;
		const common = {
			id: q.id,
			promptHtml: html((r) => {
				const x = at(r);
				return x.kind === 'attitude' ? x.statement : x.prompt;
			}, true),
			feedbackHtml: q.feedback ? html((r) => at(r).feedback) : undefined
		};
		switch (q.kind) {
			case 'single':
			case 'multiple':
				return {
					...common,
					kind: q.kind,
					options: q.options.map((o, j) => ({
						id: o.id,
						correct: o.correct === true,
						text: text((r) => (at(r) as typeof q).options[j]?.text)
					}))
				};
			case 'estimate':
				return { ...common, kind: 'estimate', norm: q.norm, min: q.min, max: q.max };
			case 'attitude':
				return { ...common, kind: 'attitude', norm: q.norm };
			case 'scale':
				return {
					...common,
					kind: 'scale',
					min: q.min,
					max: q.max,
					compare: q.compare,
					minLabel: text((r) => (at(r) as typeof q).minLabel),
					maxLabel: text((r) => (at(r) as typeof q).maxLabel)
				};
			case 'reflection':
				return { ...common, kind: 'reflection', reflectionKey: `${id}/${q.id}`, support: q.support };
		}
	});
	return { ...base, type: 'quiz', questions, norms: quoted };
}
