import { describe, expect, it } from 'vitest';
import type { Question } from '../content';
import { agrees, judge, parseAnswer, scoreAttempt } from './scoring';

const html = { nl: '', en: '' };
const single: Question = {
	id: 's',
	kind: 'single',
	promptHtml: html,
	options: [
		{ id: 'a', text: html, correct: true },
		{ id: 'b', text: html, correct: false }
	]
};
const multiple: Question = {
	id: 'm',
	kind: 'multiple',
	promptHtml: html,
	options: [
		{ id: 'a', text: html, correct: true },
		{ id: 'b', text: html, correct: true },
		{ id: 'c', text: html, correct: false }
	]
};
const estimate: Question = { id: 'e', kind: 'estimate', promptHtml: html, norm: 'n', min: 0, max: 100 };
const attitude: Question = { id: 't', kind: 'attitude', promptHtml: html, norm: 'n' };

describe('parsing answers', () => {
	it('accepts exactly one known option for single choice', () => {
		expect(parseAnswer(single, ['a'])).toEqual({ ok: true, value: 'a' });
		expect(parseAnswer(single, ['z'])).toEqual({ ok: false, error: 'choose-one' });
		expect(parseAnswer(single, ['a', 'b'])).toEqual({ ok: false, error: 'choose-one' });
		expect(parseAnswer(single, [])).toEqual({ ok: false, error: 'choose-one' });
	});
	it('accepts known options for multiple choice, deduplicated and sorted', () => {
		expect(parseAnswer(multiple, ['b', 'a', 'b'])).toEqual({ ok: true, value: ['a', 'b'] });
		expect(parseAnswer(multiple, ['a', 'evil'])).toEqual({ ok: false, error: 'choose-some' });
	});
	it('reads estimates with a decimal comma and refuses numbers out of range', () => {
		expect(parseAnswer(estimate, ['87,5'])).toEqual({ ok: true, value: 87.5 });
		expect(parseAnswer(estimate, ['101'])).toEqual({ ok: false, error: 'number-range' });
		expect(parseAnswer(estimate, ['abc'])).toEqual({ ok: false, error: 'number-range' });
		expect(parseAnswer(estimate, [''])).toEqual({ ok: false, error: 'number-range' });
	});
	it('takes attitude answers as whole numbers from 1 to 7', () => {
		expect(parseAnswer(attitude, ['7'])).toEqual({ ok: true, value: 7 });
		expect(parseAnswer(attitude, ['4.5'])).toEqual({ ok: false, error: 'number-range' });
		expect(parseAnswer(attitude, ['0'])).toEqual({ ok: false, error: 'number-range' });
	});
});

describe('judging', () => {
	it('judges knowledge questions and leaves views unjudged', () => {
		expect(judge(single, 'a')).toBe('correct');
		expect(judge(single, 'b')).toBe('incorrect');
		expect(judge(multiple, ['a'])).toBe('partly');
		expect(judge(multiple, ['a', 'b'])).toBe('correct');
		expect(judge(attitude, 6)).toBeNull();
		expect(judge(estimate, 50)).toBeNull();
	});
	it('counts 5 to 7 as agreeing, as the study did', () => {
		expect([1, 4, 5, 7].map(agrees)).toEqual([false, false, true, true]);
	});
	it('scores only judged questions', () => {
		const answers = new Map<string, string | string[] | number>([
			['s', 'a'],
			['m', ['a']],
			['t', 6]
		]);
		expect(scoreAttempt([single, multiple, attitude], answers)).toEqual({ correct: 1, judged: 2 });
	});
});
