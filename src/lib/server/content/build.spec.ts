import { describe, expect, it } from 'vitest';
import { fixtureCourse, item } from '../../../../tests/fixtures/course';
import { rangeOf } from './questions';
import { LOCALES } from './locales';
import { ATTITUDE_SCALE } from './schema';

describe('what the build derives once per item', () => {
	it('lists the reflection prompts of every kind of item, keyed as the database keys them', () => {
		expect(item('reflectie', 'reflection').prompts.map((p) => p.key)).toEqual(['reflectie']);
		expect(item('casus', 'vignette').prompts.map((p) => p.key)).toEqual(['casus/begin']);
		expect(item('quiz', 'quiz').prompts.map((p) => p.key)).toEqual(['quiz/zelf']);
		expect(item('les-een', 'lesson').prompts).toEqual([]);
	});

	it('gives a prompt its text in every language, the same text the page shows', () => {
		const [prompt] = item('casus', 'vignette').prompts;
		expect(prompt?.html).toEqual(item('casus', 'vignette').steps.begin?.reflection?.html);
		expect(Object.keys(prompt?.html ?? {})).toEqual([...LOCALES]);
	});

	it('names every module and item as a target, with its title and the items working on it means', () => {
		const module = fixtureCourse.modules[0]!;
		expect(fixtureCourse.targets.get(`module:${module.id}`)).toEqual({ title: module.title, items: module.items });
		expect(fixtureCourse.targets.get('quiz:quiz')?.items).toEqual([item('quiz', 'quiz')]);
		// A target names its type: an item asked for as another type is not found.
		expect(fixtureCourse.targets.get('vignette:quiz')).toBeUndefined();
	});

	it('gives an attitude statement the study scale as its range, and other numeric questions their own', () => {
		const questions = item('quiz', 'quiz').questions;
		const attitude = questions.find((q) => q.kind === 'attitude');
		const estimate = questions.find((q) => q.kind === 'estimate');
		expect(attitude && rangeOf(attitude)).toEqual({ min: ATTITUDE_SCALE.min, max: ATTITUDE_SCALE.max });
		expect(estimate && rangeOf(estimate)).toEqual({ min: 0, max: 100 });
	});
});
