import { describe, expect, it } from 'vitest';
import { fixtureCourse, item } from '../../../../tests/fixtures/course';
import { actorOf, drillStatement, quizAnswer, testStatement, vignetteDecision } from './statements';
import { cmi5Completed, cmi5Judged, duration } from './cmi5-statements';
import { retryDelay, SENDER } from './sender';
import type { cmi5Launches } from '../db/schema';

const site = { origin: 'https://ontroerd.example.nl', freeText: false };
const module = fixtureCourse.modules[0]!;
const event = { learnerId: 'user-1', at: new Date('2026-12-04T10:00:00Z'), attempt: 1 };

describe('xAPI statements', () => {
	it('names the learner by a stable pseudonym on the installation, not by the account id', () => {
		const actor = actorOf(site, 'user-1');
		expect(actor).toEqual({ objectType: 'Agent', account: { homePage: site.origin, name: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
		expect(actorOf(site, 'user-1')).toEqual(actor);
		expect(actorOf(site, 'user-2')).not.toEqual(actor);
		expect(JSON.stringify(actor)).not.toContain('user-1');
	});

	it('sends words a learner typed only where the installation opted in', () => {
		const quiz = item('quiz', 'quiz');
		const question = { ...quiz.questions[1]!, kind: 'scale' } as (typeof quiz.questions)[number];
		expect(quizAnswer(site, event, module, quiz, question, 'mijn eigen woorden').result).not.toHaveProperty('response');
		expect(quizAnswer({ ...site, freeText: true }, event, module, quiz, question, 'mijn eigen woorden').result).toMatchObject({
			response: 'mijn eigen woorden'
		});
		// A choice is not free text: its id always goes.
		expect(quizAnswer(site, event, module, quiz, quiz.questions[0]!, 'b').result).toMatchObject({ response: 'b', success: false });
	});

	it('records a vignette choice as answered, with the step as a choice interaction', () => {
		const vignette = item('casus', 'vignette');
		const statement = vignetteDecision(site, event, module, vignette, vignette.steps.begin!, 'praten');
		expect(statement).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/answered' },
			object: { id: `${site.origin}/modules/proef/casus/steps/begin`, definition: { interactionType: 'choice', choices: [{ id: 'stil' }, { id: 'praten' }] } },
			result: { response: 'praten' },
			timestamp: '2026-12-04T10:00:00.000Z'
		});
	});
});

describe('drill and final test statements', () => {
	const drill = { id: 'oefening-excuses-noa', title: { nl: 'Excuses', en: 'Apologies' } };

	it('completes a drill with its time, and its words only with the opt-in', () => {
		const done = { seconds: 94.4, body: 'Wat ik zou zeggen' };
		expect(drillStatement(site, event, drill, done)).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
			object: { id: `${site.origin}/oefenen/oefening-excuses-noa`, definition: { type: 'http://adlnet.gov/expapi/activities/performance' } },
			result: { completion: true, duration: 'PT94S' }
		});
		expect(drillStatement(site, event, drill, done).result).not.toHaveProperty('response');
		expect(drillStatement({ ...site, freeText: true }, event, drill, done).result).toMatchObject({ response: 'Wat ik zou zeggen' });
		expect(drillStatement(site, event, drill, null)).toMatchObject({ verb: { id: 'http://adlnet.gov/expapi/verbs/initialized' } });
	});

	it('reports the final test passed or failed with a scaled, raw, min and max score', () => {
		expect(testStatement(site, event, {}, { correct: 11, total: 15, passed: true })).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
			object: { id: `${site.origin}/toets` },
			result: { score: { scaled: 0.7333, raw: 11, min: 0, max: 15 }, success: true, completion: true }
		});
		expect(testStatement(site, event, {}, { correct: 3, total: 15, passed: false }).verb.id).toBe('http://adlnet.gov/expapi/verbs/failed');
	});
});

describe('cmi5 statements', () => {
	const launch = (launchData: Record<string, unknown>) =>
		({
			id: 'l',
			learnerId: 'u',
			moduleId: 'proef',
			endpoint: 'https://lms.example.nl/xapi/',
			authToken: 't',
			registration: '760e3480-ba55-4991-94b0-01820dbd23a2',
			activityId: 'https://lms.example.nl/au/1',
			actor: { objectType: 'Agent', account: { homePage: 'https://lms.example.nl', name: '1' } },
			launchData: { contextTemplate: {}, ...launchData },
			createdAt: new Date('2026-12-04T10:00:00Z'),
			completedAt: null,
			terminatedAt: null
		}) satisfies typeof cmi5Launches.$inferSelect;
	const at = new Date('2026-12-04T10:02:03.5Z');

	it('lets the LMS masteryScore decide passed or failed, else the test’s own mark', () => {
		const score = { raw: 7, min: 0, max: 10 };
		expect(cmi5Judged(launch({ launchMode: 'Normal', masteryScore: 0.8 }), at, score, true)).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/failed' },
			result: { success: false, score: { scaled: 0.7, raw: 7, min: 0, max: 10 } },
			context: { extensions: { 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore': 0.8 } }
		});
		expect(cmi5Judged(launch({ launchMode: 'Normal' }), at, score, true)).toMatchObject({
			verb: { id: 'http://adlnet.gov/expapi/verbs/passed' },
			result: { success: true }
		});
		expect(cmi5Judged(launch({ launchMode: 'Review' }), at, score, true)).toBeNull();
	});

	it('completes only in Normal mode, with the time since the launch', () => {
		expect(cmi5Completed(launch({ launchMode: 'Normal' }), at)?.result).toEqual({ completion: true, duration: 'PT123.5S' });
		expect(cmi5Completed(launch({ launchMode: 'Browse' }), at)).toBeNull();
		expect(duration(at, new Date(at.getTime() - 5))).toBe('PT0S');
	});
});

describe('retry delay', () => {
	it('doubles per attempt with jitter, within half and all of the step, up to the cap', () => {
		expect(retryDelay(1, () => 0)).toBe(SENDER.retryBaseMs / 2);
		expect(retryDelay(1, () => 1)).toBe(SENDER.retryBaseMs);
		expect(retryDelay(3, () => 1)).toBe(SENDER.retryBaseMs * 4);
		expect(retryDelay(40, () => 1)).toBe(SENDER.retryCapMs);
	});
});
