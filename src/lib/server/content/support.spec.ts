import { describe, expect, it } from 'vitest';
import { ContentError, loadCourse } from './load';
import { readContentFiles } from './fs';

const base: Record<string, string> = {
	'norms.yaml': '{}\n',
	'bibliography.yaml': 'tlam2018:\n  authors: "\'t Lam, C."\n  year: 2018\n  title: Tears in therapy\n',
	'01-proef/module.yaml': `id: proef
minutes: 20
title: { nl: Proef, en: Trial }
summary: { nl: Een proefmodule, en: A trial module }
objectives:
  - { nl: Iets leren, en: Learn something, roles: [professional] }
items: [eigen-verdriet, casus, quiz]
`
};
const reflection = (support: string | null, title = 'Verdriet') =>
	`type: reflection\ntitle: ${title}\nminutes: 10\nprompt: Wat doet dit verlies met jou?\n${support ? `support: ${support}\n` : ''}`;
const vignette = (support: string | null) => `type: vignette
title: Casus
setting: Praktijk
minutes: 5
start: a
steps:
  - id: a
    text: Begin
    reflection:
      prompt: Aan wie denk je?
${support ? `      support: ${support}\n` : ''}    choices:
      - { id: x, text: X, feedback: Omdat, next: c }
      - { id: y, text: Y, feedback: Omdat, next: b }
  - id: c
    text: Dan
    choices:
      - { id: x, text: X, feedback: Omdat, next: d }
      - { id: y, text: Y, feedback: Omdat, next: b }
  - id: d
    text: Daarna
    choices:
      - { id: x, text: X, feedback: Omdat, next: e }
      - { id: y, text: Y, feedback: Omdat, next: f }
  - id: e
    text: Tot slot
    choices:
      - { id: x, text: X, feedback: Omdat, next: b }
      - { id: y, text: Y, feedback: Omdat, next: g }
  - id: b
    end: true
    text: Einde
  - id: f
    end: true
    text: Ander einde
  - id: g
    end: true
    text: Derde einde
`;
const quiz = (support: string | null) => `type: quiz
title: Quiz
minutes: 5
questions:
  - id: eigen
    kind: reflection
    prompt: Wie mis je?
${support ? `    support: ${support}\n` : ''}`;

function load(nl: { r?: string | null; v?: string | null; q?: string | null }, en = nl) {
	return loadCourse({
		...base,
		'01-proef/eigen-verdriet.nl.yaml': reflection(nl.r ?? null),
		'01-proef/eigen-verdriet.en.yaml': reflection(en.r ?? null, 'Grief'),
		'01-proef/casus.nl.yaml': vignette(nl.v ?? null),
		'01-proef/casus.en.yaml': vignette(en.v ?? null),
		'01-proef/quiz.nl.yaml': quiz(nl.q ?? null),
		'01-proef/quiz.en.yaml': quiz(en.q ?? null)
	});
}
function problems(run: () => unknown): string[] {
	try {
		run();
	} catch (error) {
		if (error instanceof ContentError) return error.problems;
		throw error;
	}
	return [];
}

describe('support: grief on reflection prompts', () => {
	it('carries the flag from a reflection item, a vignette step and a quiz reflection', () => {
		const course = load({ r: 'grief', v: 'grief', q: 'grief' });
		const r = course.items.get('eigen-verdriet');
		const v = course.items.get('casus');
		const q = course.items.get('quiz');
		expect(r?.type === 'reflection' && r.support).toBe('grief');
		expect(v?.type === 'vignette' && v.steps.a?.reflection?.support).toBe('grief');
		expect(q?.type === 'quiz' && q.questions[0]?.kind === 'reflection' && q.questions[0].support).toBe('grief');
	});

	it('leaves it out where the content does not ask for it', () => {
		const r = load({}).items.get('eigen-verdriet');
		expect(r?.type === 'reflection' && r.support).toBeUndefined();
	});

	it('refuses an unknown kind of support, naming file and field', () => {
		const found = problems(() => load({ r: 'sadness', v: 'grief', q: 'grief' }, { r: 'sadness', v: 'grief', q: 'grief' }));
		expect(found.some((p) => p.includes('eigen-verdriet.nl.yaml') && p.includes('support'))).toBe(true);
		const inStep = problems(() => load({ v: 'yes' }, { v: 'yes' }));
		expect(inStep.some((p) => p.includes('casus.nl.yaml') && p.includes('support'))).toBe(true);
	});

	it('requires Dutch and English to agree on the flag', () => {
		expect(problems(() => load({ v: 'grief' }, {})).length).toBeGreaterThan(0);
		expect(problems(() => load({ q: 'grief' }, {})).length).toBeGreaterThan(0);
		expect(problems(() => load({ r: 'grief' }, {})).length).toBeGreaterThan(0);
	});

	it("is set on the course's after-care reflection about one's own grief", () => {
		const course = loadCourse(readContentFiles('content'));
		const item = course.items.get('reflectie-nazorg-en-eigen-verdriet');
		expect(item?.type === 'reflection' && item.support).toBe('grief');
	});
});
