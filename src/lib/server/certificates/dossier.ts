/**
 * The accreditation dossier (`npm run admin -- dossier --out DIR`): one Markdown document and its tables as CSV,
 * for a provider to attach to an application: target group and entry level, objectives with CanMEDS roles,
 * authors and review, literature, stated against measured study load, the test's blueprint and item analysis,
 * and the evaluation results (only from EVALUATION_MIN_K learners). Pure: the caller reads the figures.
 */
import type { Course } from '../content';
import { INTL_LOCALE, type Locale } from '../content/locales';
import { formatReferences } from '../content/references';
import { EVALUATION_MIN_K, FLAGS, type EvaluationSummary, type ItemStats, type Spread, type StudyLoad } from '../assessment/analysis';
import { EVALUATION_RATINGS } from '../assessment/evaluation';
import { toCsv } from '../supervision/overview';
import { m } from '../../paraglide/messages';

export type DossierInput = {
	course: Course;
	load: StudyLoad;
	analysis: ItemStats[];
	evaluation: EvaluationSummary;
	passMark: number;
	locale: Locale;
	today: string;
};

const ROLE: Record<string, (i: object, o: { locale: Locale }) => string> = {
	expert: m.canmeds_expert,
	communicator: m.canmeds_communicator,
	collaborator: m.canmeds_collaborator,
	scholar: m.canmeds_scholar,
	'health-advocate': m.canmeds_health_advocate,
	leader: m.canmeds_leader,
	professional: m.canmeds_professional
};

const cell = (text: string | number) => String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
function table(header: string[], rows: (string | number)[][]): string {
	return [`| ${header.map(cell).join(' | ')} |`, `| ${header.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}
const round = (n: number, digits = 0) => Number(n.toFixed(digits));
/** A title or source as a sentence: a full stop unless it ends in one already (or in ? or !). */
const sentence = (text: string) => (/[.?!]$/.test(text) ? text : `${text}.`);

export function dossier({ course, load, analysis, evaluation, passMark, locale, today }: DossierInput): Record<string, string> {
	const o = { locale };
	const num = (n: number, digits = 0) => round(n, digits).toLocaleString(INTL_LOCALE[locale]);
	const median = (s: Spread | null) => (s ? num(s.median) : '–');
	const iqr = (s: Spread | null) => (s ? `${num(s.q1)}–${num(s.q3)}` : '–');
	const info = course.info as typeof course.info & { audience?: Record<Locale, string>; entryLevel?: Record<Locale, string> };
	const moduleTitle = new Map(course.modules.map((mod) => [mod.id, mod.title[locale]]));
	const itemTitle = new Map([...course.items.values()].map((item) => [item.id, item.title[locale]]));
	const missing = m.certificate_dossier_missing({}, o);
	const sections: string[] = [];
	const csv: Record<string, string> = {};

	sections.push(`# ${m.certificate_dossier_title({ course: m.certificate_course_title({}, o) }, o)}`);
	sections.push(m.certificate_dossier_generated({ date: today, version: course.info.version.slice(0, 12), updated: course.info.updated ?? '–' }, o));
	sections.push(`## ${m.certificate_dossier_audience({}, o)}\n\n${info.audience?.[locale] ?? missing}`);
	sections.push(`## ${m.certificate_dossier_entry_level({}, o)}\n\n${info.entryLevel?.[locale] ?? missing}`);

	const objectiveRows = course.modules.flatMap((mod) =>
		mod.objectives[locale].map((objective, i) => [
			mod.title[locale],
			i + 1,
			objective,
			(mod.objectiveRoles[i] ?? []).map((r) => ROLE[r]?.({}, o) ?? r).join(', ')
		])
	);
	sections.push(
		`## ${m.certificate_dossier_objectives({}, o)}\n\n${course.modules
			.map(
				(mod) =>
					`### ${mod.title[locale]}\n\n${mod.objectives[locale]
						.map((objective, i) => `${i + 1}. ${objective} (${(mod.objectiveRoles[i] ?? []).map((r) => ROLE[r]?.({}, o) ?? r).join(', ')})`)
						.join('\n')}`
			)
			.join('\n\n')}`
	);
	csv['objectives.csv'] = toCsv([['module', 'objective', 'text', 'canmeds_roles'], ...objectiveRows]);

	sections.push(`## ${m.certificate_dossier_authors({}, o)}\n\n${course.info.authors?.[locale] ?? missing}\n\n${course.info.review?.[locale] ?? missing}`);

	const references = formatReferences(course.bibliography);
	sections.push(
		`## ${m.certificate_dossier_literature({}, o)}\n\n${references
			.map(
				(r) =>
					`- ${r.authors} (${r.year}). ${[r.title, r.source]
						.filter(Boolean)
						.map(sentence)
						.join(' ')}${r.doi ? ` https://doi.org/${r.doi}` : r.url ? ` ${r.url}` : ''}`
			)
			.join('\n')}`
	);

	const loadRows = [
		...load.modules.flatMap((mod) => [
			[moduleTitle.get(mod.moduleId) ?? mod.moduleId, mod.stated, median(mod.measured), iqr(mod.measured), mod.measured?.n ?? 0],
			...mod.items.map((item) => [
				`— ${itemTitle.get(item.itemId) ?? item.itemId}`,
				item.stated,
				median(item.measured),
				iqr(item.measured),
				item.measured?.n ?? 0
			])
		]),
		[m.certificate_dossier_whole_course({}, o), load.course.stated, median(load.course.measured), iqr(load.course.measured), load.course.measured?.n ?? 0]
	];
	const selfReported = load.course.selfReportedHours;
	sections.push(
		[
			`## ${m.certificate_dossier_load({}, o)}`,
			m.certificate_dossier_load_intro({ k: EVALUATION_MIN_K }, o),
			table(
				[
					m.certificate_dossier_col_part({}, o),
					m.certificate_dossier_col_stated({}, o),
					m.certificate_dossier_col_median({}, o),
					m.certificate_dossier_col_iqr({}, o),
					'n'
				],
				loadRows
			),
			m.certificate_dossier_self_reported(
				selfReported
					? { median: num(selfReported.median, 1), q1: num(selfReported.q1, 1), q3: num(selfReported.q3, 1), n: selfReported.n }
					: { median: '–', q1: '–', q3: '–', n: 0 },
				o
			)
		].join('\n\n')
	);
	csv['study-load.csv'] = toCsv([
		['part', 'stated_minutes', 'measured_median_minutes', 'measured_q1', 'measured_q3', 'n'],
		...load.modules.flatMap((mod) => [
			[mod.moduleId, mod.stated, ...spreadCells(mod.measured)],
			...mod.items.map((item) => [`${mod.moduleId}/${item.itemId}`, item.stated, ...spreadCells(item.measured)])
		]),
		['course', load.course.stated, ...spreadCells(load.course.measured)],
		['self_reported_hours', '', ...spreadCells(selfReported)]
	]);

	const test = course.test;
	if (!test) sections.push(`## ${m.certificate_dossier_blueprint({}, o)}\n\n${m.certificate_dossier_no_test({}, o)}`);
	else {
		const items = [...test.items.values()];
		const blueprintRows = course.modules.flatMap((mod) =>
			mod.objectives[locale].map((objective, i) => {
				const tested = items.filter((item) => item.moduleId === mod.id && item.objective === i + 1);
				const count = (kind: string) => tested.filter((item) => item.kind === kind).length;
				return [mod.title[locale], `${i + 1}. ${objective}`, count('knowledge'), count('case'), count('figure'), tested.length];
			})
		);
		sections.push(
			[
				`## ${m.certificate_dossier_blueprint({}, o)}`,
				m.certificate_dossier_blueprint_intro({ length: test.length, perModule: test.perModule, pool: items.length, passMark }, o),
				table(
					[
						m.certificate_dossier_col_module({}, o),
						m.certificate_dossier_col_objective({}, o),
						m.certificate_dossier_col_knowledge({}, o),
						m.certificate_dossier_col_case({}, o),
						m.certificate_dossier_col_figure({}, o),
						m.certificate_dossier_col_total({}, o)
					],
					blueprintRows
				)
			].join('\n\n')
		);
		csv['blueprint.csv'] = toCsv([['module', 'objective', 'knowledge', 'case', 'figure', 'items'], ...blueprintRows]);
	}

	const analysisRows = analysis.map((s) => [
		s.itemId,
		s.moduleId,
		s.kind,
		s.objective,
		s.attempts,
		s.p === null ? '–' : round(s.p, 2),
		s.itemRest === null ? '–' : round(s.itemRest, 2),
		s.options.map((opt) => `${opt.id}${opt.correct ? '*' : ''}: ${opt.chosen}`).join(', ') + (s.unanswered ? `, –: ${s.unanswered}` : ''),
		s.flags.join(', ')
	]);
	sections.push(
		[
			`## ${m.certificate_dossier_analysis({}, o)}`,
			m.certificate_dossier_analysis_intro(
				{ hard: FLAGS.tooHard, easy: FLAGS.tooEasy, itemRest: FLAGS.itemRest, unused: FLAGS.unusedDistractorAfter, min: FLAGS.minAttempts },
				o
			),
			analysis.length
				? table(
						[
							m.certificate_dossier_col_item({}, o),
							m.certificate_dossier_col_module({}, o),
							m.certificate_dossier_col_kind({}, o),
							m.certificate_dossier_col_objective({}, o),
							m.certificate_dossier_col_attempts({}, o),
							'p',
							m.certificate_dossier_col_item_rest({}, o),
							m.certificate_dossier_col_chosen({}, o),
							m.certificate_dossier_col_flags({}, o)
						],
						analysisRows
					)
				: m.certificate_dossier_no_test({}, o)
		].join('\n\n')
	);
	csv['item-analysis.csv'] = toCsv([['item', 'module', 'kind', 'objective', 'attempts', 'p', 'item_rest', 'options_chosen', 'flags'], ...analysisRows]);

	const ratingName: Record<(typeof EVALUATION_RATINGS)[number], string> = {
		relevance: m.certificate_dossier_rating_relevance({}, o),
		objectivesMet: m.certificate_dossier_rating_objectives({}, o),
		contentQuality: m.certificate_dossier_rating_quality({}, o),
		studyLoad: m.certificate_dossier_rating_load({}, o)
	};
	const ratingRows = EVALUATION_RATINGS.map((key) => {
		const r = evaluation.ratings[key];
		return [ratingName[key], ...(r ? [...r.counts, r.median] : ['–', '–', '–', '–', '–', '–'])];
	});
	sections.push(
		[
			`## ${m.certificate_dossier_evaluation({}, o)}`,
			m.certificate_dossier_evaluation_intro({ n: evaluation.n, k: EVALUATION_MIN_K }, o),
			table([m.certificate_dossier_col_question({}, o), '1', '2', '3', '4', '5', m.certificate_dossier_col_median_rating({}, o)], ratingRows),
			evaluation.comments.length
				? `### ${m.certificate_dossier_comments({}, o)}\n\n${evaluation.comments.map((c) => `> ${c.replace(/\n+/g, ' ')}`).join('\n\n')}`
				: ''
		]
			.filter(Boolean)
			.join('\n\n')
	);
	csv['evaluation.csv'] = toCsv([['question', 'n_1', 'n_2', 'n_3', 'n_4', 'n_5', 'median'], ...ratingRows]);

	sections.push(m.certificate_dossier_files({ files: Object.keys(csv).join(', ') }, o));
	return { 'dossier.md': `${sections.join('\n\n')}\n`, ...csv };
}

function spreadCells(s: Spread | null): (string | number)[] {
	return s ? [round(s.median, 1), round(s.q1, 1), round(s.q3, 1), s.n] : ['', '', '', s === null ? 0 : ''];
}
