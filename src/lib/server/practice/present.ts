/** The practice content as one page shows it, in the learner's language. */
import type { Drill, Locale } from '../content';
import { course } from '../content';
import { PRACTICE_RUNGS } from '../content/schema';
import type { DrillMark } from './today';
import type { SharedResponse } from './shared';

export function drillSummary(d: Drill, locale: Locale, mark?: DrillMark) {
	return { id: d.id, title: d.title[locale], level: d.level, done: mark?.done ?? false, due: mark?.due ?? false };
}
export type DrillSummary = ReturnType<typeof drillSummary>;

/** The eight rungs with their practice drills, easiest first. */
export function ladderOf(locale: Locale, marks: Map<string, DrillMark>) {
	return PRACTICE_RUNGS.map((rung, i) => ({
		rung,
		level: i + 1,
		drills: course.practice.drills.filter((d) => d.pool === 'practice' && d.rung === rung).map((d) => drillSummary(d, locale, marks.get(d.id)))
	}));
}

/** The rubric's skills a drill targets, with their anchors, in the learner's language. */
export function skillsOf(drill: Drill, locale: Locale) {
	const rubric = course.practice.rubric;
	return drill.skills.map((id) => {
		const skill = rubric?.skills.find((s) => s.id === id);
		return {
			id,
			name: skill?.name[locale] ?? id,
			description: skill?.description[locale] ?? '',
			anchors: (skill?.anchors ?? []).map((a) => ({ score: a.score, label: a.label[locale], text: a.text[locale] }))
		};
	});
}

/** Responses shared with the viewer, as the supervisor's trainee page and the group page list them (without the author's name). */
export function sharedView(rows: SharedResponse[], locale: Locale) {
	return rows.map((r) => ({
		id: r.id,
		drill: course.practice.drills.find((d) => d.id === r.drillId)?.title[locale] ?? r.drillId,
		bodyNote: r.bodyNote,
		body: r.body,
		submittedAt: r.submittedAt.toISOString()
	}));
}
