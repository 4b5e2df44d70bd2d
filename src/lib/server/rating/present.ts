/** The rating pages' content in the rater's language: the six skills with their anchors, and a drill's moment. */
import { course, findDrill, type Locale } from '../content';
import { PRACTICE_SKILLS } from '../content/schema';

/** All six rubric skills: a rater scores every skill, so that every rated response counts in each skill's mean and agreement. */
export function rubricSkills(locale: Locale) {
	return PRACTICE_SKILLS.map((id) => {
		const skill = course.practice.rubric?.skills.find((s) => s.id === id);
		return {
			id,
			name: skill?.name[locale] ?? id,
			description: skill?.description[locale] ?? '',
			anchors: (skill?.anchors ?? []).map((a) => ({ score: a.score, label: a.label[locale], text: a.text[locale] }))
		};
	});
}

/** What a rater reads before the response: the drill's title, situation and moment (practice and test drills alike). */
export function momentOf(drillId: string, locale: Locale) {
	const drill = findDrill(drillId);
	if (!drill) return { title: drillId, whose: 'client' as const, contextHtml: '', momentHtml: '' };
	return { title: drill.title[locale], whose: drill.whose, contextHtml: drill.contextHtml[locale], momentHtml: drill.momentHtml[locale] };
}
