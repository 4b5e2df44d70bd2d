import { describe, expect, it } from 'vitest';
import { distribution, optionsOf, type MemberAnswer } from './results';
import { fixtureCourse } from '../../../../tests/fixtures/course';

const options = [
	{ id: 'stil', label: 'Je blijft stil' },
	{ id: 'praten', label: 'Je praat door' }
];
const answer = (memberId: string, choice: string, name: string | null = null): MemberAnswer => ({ memberId, name, chosen: [choice] });

describe('the group results: k >= 3 and anonymity', () => {
	it('shows nothing at all below three answers, not even how many answered', () => {
		expect(distribution(options, [], 'a')).toEqual({ shown: false });
		expect(distribution(options, [answer('a', 'stil')], 'a')).toEqual({ shown: false });
		expect(distribution(options, [answer('a', 'stil', 'Anna'), answer('b', 'praten', 'Bert')], 'a')).toEqual({ shown: false });
	});

	it('counts from three answers, marks only the viewer own choice and names only those who opted in', () => {
		const answers = [answer('a', 'stil'), answer('b', 'praten', 'Bert'), answer('c', 'stil'), answer('d', 'stil')];
		const seenByA = distribution(options, answers, 'a');
		expect(seenByA).toMatchObject({ shown: true, answered: 4, namesWithheld: false });
		if (!seenByA.shown) throw new Error('not shown');
		expect(seenByA.bars).toEqual([
			{ id: 'stil', label: 'Je blijft stil', letter: 'A', count: 3, names: [], mine: true },
			{ id: 'praten', label: 'Je praat door', letter: 'B', count: 1, names: ['Bert'], mine: false }
		]);
		const seenByB = distribution(options, answers, 'b');
		if (!seenByB.shown) throw new Error('not shown');
		expect(seenByB.bars.map((b) => b.mine)).toEqual([false, true]);
		// Someone who did not answer has nothing marked.
		const seenByE = distribution(options, answers, 'e');
		if (!seenByE.shown) throw new Error('not shown');
		expect(seenByE.bars.some((b) => b.mine)).toBe(false);
	});

	it('withholds names where they would leave exactly one anonymous answer to be read off', () => {
		// a (viewer, anonymous), b and c named, d anonymous: a minus b and c gives away d.
		const answers = [answer('a', 'stil'), answer('b', 'praten', 'Bert'), answer('c', 'stil', 'Cor'), answer('d', 'praten')];
		const seen = distribution(options, answers, 'a');
		expect(seen).toMatchObject({ shown: true, namesWithheld: true });
		if (!seen.shown) throw new Error('not shown');
		expect(seen.bars.flatMap((b) => b.names)).toEqual([]);
		expect(seen.bars.map((b) => b.count)).toEqual([2, 2]);
		// With two anonymous others, names are safe to show.
		const more = distribution(options, [...answers, answer('e', 'stil')], 'a');
		expect(more).toMatchObject({ shown: true, namesWithheld: false });
	});

	it('groups attitude answers into agree (5-7), neutral (4) and disagree (1-3), and estimates into ranges', () => {
		const quiz = fixtureCourse.items.get('quiz');
		if (quiz?.type !== 'quiz') throw new Error('no quiz');
		const labels = { agree: 'eens', neutral: 'neutraal', disagree: 'oneens' };
		const attitude = optionsOf(quiz.questions.find((q) => q.kind === 'attitude') ?? quiz.questions[0]!, 'nl', labels);
		expect(attitude?.options.map((o) => o.id)).toEqual(['agree', 'neutral', 'disagree']);
		expect([1, 3, 4, 5, 7].map((v) => attitude?.bucket(v)[0])).toEqual(['disagree', 'disagree', 'neutral', 'agree', 'agree']);
		const estimate = optionsOf(quiz.questions.find((q) => q.kind === 'estimate') ?? quiz.questions[0]!, 'nl', labels);
		expect(estimate?.options).toHaveLength(5);
		expect([0, 20, 21, 87.4, 100].map((v) => estimate?.bucket(v)[0])).toEqual(['0', '20', '20', '80', '80']);
		expect(optionsOf(quiz.questions.find((q) => q.kind === 'reflection') ?? quiz.questions[0]!, 'nl', labels)).toBeNull();
	});
});
