import { describe, expect, it } from 'vitest';
import { fixtureCourse, fixtureFiles, item } from '../../../../tests/fixtures/course';
import { loadCourse } from './load';
import {
	DECISION_SECONDS,
	QUESTION_SECONDS,
	READING_WPM,
	REFLECTION_SECONDS,
	estimateMinutes,
	estimateSeconds,
	fileOfIn,
	minutesProblems,
	moduleEstimate,
	withMinutes,
	wordCount
} from './minutes';

describe('the study-time estimate', () => {
	it('counts words, not tags or entities', () => {
		expect(wordCount("<p>Een cliënt&nbsp;huilt, <em>87,4%</em> van de therapeuten: 't Lam’s zelf-onthulling.</p>")).toBe(10);
		expect(wordCount('')).toBe(0);
	});

	it('reads a lesson at the stated rate, at least one minute', () => {
		const lesson = item('les-een', 'lesson');
		expect(estimateSeconds(lesson)).toBeCloseTo((wordCount(lesson.html.nl) / READING_WPM) * 60);
		expect(estimateMinutes(lesson)).toBe(1);
	});

	it('gives a reflection its writing time', () => {
		expect(estimateMinutes(item('reflectie', 'reflection'))).toBe(Math.round(REFLECTION_SECONDS / 60));
	});

	it('walks the most demanding path of a vignette: four decisions and the reflection on the way', () => {
		const seconds = estimateSeconds(item('casus', 'vignette'));
		// begin (with a reflection) -> midden -> later -> verder -> an ending: four decision points; the short path (begin -> einde-b) is not taken.
		expect(seconds).toBeGreaterThan(4 * DECISION_SECONDS + REFLECTION_SECONDS);
		expect(seconds).toBeLessThan(4 * DECISION_SECONDS + REFLECTION_SECONDS + 30);
	});

	it('gives each quiz question its answering time and a reflection question its writing time', () => {
		const seconds = estimateSeconds(item('quiz', 'quiz'));
		expect(seconds).toBeGreaterThan(3 * QUESTION_SECONDS + REFLECTION_SECONDS);
		expect(seconds).toBeLessThan(3 * QUESTION_SECONDS + REFLECTION_SECONDS + 30);
	});

	it('adds up a module from its items', () => {
		const module = fixtureCourse.modules[0]!;
		expect(moduleEstimate(module)).toBe(module.items.reduce((n, i) => n + estimateMinutes(i), 0));
	});
});

describe('the minutes rule', () => {
	it('refuses stated minutes below 75% of the estimate, naming the file and the field', () => {
		const problems = minutesProblems(fixtureCourse, fileOfIn(fixtureFiles));
		expect(problems).toEqual([
			expect.stringMatching(/^01-proef\/casus\.nl\.yaml: minutes: 5 is below 75% of the estimated 16;/),
			expect.stringMatching(/^01-proef\/quiz\.nl\.yaml: minutes: 5 is below 75% of the estimated 14;/),
			expect.stringMatching(/^01-proef\/reflectie\.nl\.yaml: minutes: 5 is below 75% of the estimated 12;/),
			expect.stringMatching(/^01-proef\/module\.yaml: minutes: 20 is below 75% of the estimated 43 \(the sum of its items\);/)
		]);
	});

	it('accepts minutes at 75% of the estimate and above, and what --write puts in the files', () => {
		const files = { ...fixtureFiles };
		const set = (file: string, minutes: number) => (files[file] = withMinutes(files[file] ?? '', minutes));
		for (const lang of ['nl', 'en']) {
			set(`01-proef/casus.${lang}.yaml`, 12); // 12 >= 0.75 × 16
			set(`01-proef/quiz.${lang}.yaml`, 14);
			set(`01-proef/reflectie.${lang}.yaml`, 9); // 9 >= 0.75 × 12
		}
		set('01-proef/module.yaml', 33);
		expect(minutesProblems(loadCourse(files), fileOfIn(files))).toEqual([]);
		set('01-proef/module.yaml', 32);
		expect(minutesProblems(loadCourse(files), fileOfIn(files))).toEqual([expect.stringMatching(/^01-proef\/module\.yaml: minutes: 32 /)]);
	});

	it('rewrites only the minutes line, the front matter one in a lesson', () => {
		expect(withMinutes('---\ntype: lesson\ntitle: Les\nminutes: 5\n---\nminutes: 7 in de tekst\n', 9)).toBe(
			'---\ntype: lesson\ntitle: Les\nminutes: 9\n---\nminutes: 7 in de tekst\n'
		);
		expect(withMinutes('type: quiz\nminutes: 5\nquestions:\n  - minutes: 3\n', 14)).toBe('type: quiz\nminutes: 14\nquestions:\n  - minutes: 3\n');
	});
});
