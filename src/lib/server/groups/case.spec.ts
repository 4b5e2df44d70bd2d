import { describe, expect, it } from 'vitest';
import { caseAtHand, caseItem, threadCase } from './case';
import { fixtureCourse } from '../../../../tests/fixtures/course';

const group = (caseId: string | null) => ({ id: 'g1', caseId });

describe("the group's case", () => {
	it('is a vignette or quiz of the course, shown with its kind, title, form value and links', () => {
		expect(caseAtHand(fixtureCourse, group('casus'), 'nl')).toEqual({
			value: 'vignette:casus',
			type: 'vignette',
			title: 'Casus',
			url: '/modules/proef/casus',
			resultsUrl: '/groups/g1/results'
		});
		expect(caseAtHand(fixtureCourse, group('quiz'), 'en')).toMatchObject({ value: 'quiz:quiz', type: 'quiz', url: '/modules/proef/quiz' });
	});

	it('is nothing before one is chosen, or when the id is a lesson or gone from the course', () => {
		for (const id of [null, 'les-een', 'bestaat-niet']) {
			expect(caseItem(fixtureCourse, group(id))).toBeNull();
			expect(caseAtHand(fixtureCourse, group(id), 'nl')).toBeNull();
		}
	});

	it("keys the discussion and the meeting: the case's id, or '' before one is chosen", () => {
		expect(threadCase(group('casus'))).toBe('casus');
		expect(threadCase(group(null))).toBe('');
	});
});
