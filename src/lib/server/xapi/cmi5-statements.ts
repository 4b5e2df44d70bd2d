/**
 * The statements cmi5 defines for an assignable unit (cmi5 spec, §9: initialized, completed, passed,
 * failed, terminated), built from a launch: the launch's actor and activity id, its registration, the
 * LMS's context template, and the cmi5 category (plus moveOn for completed, passed and failed).
 */
import type { Context, Statement } from '@xapi/xapi';
import type { cmi5Launches } from '../db/schema';
import { VERBS } from './statements';

type Launch = typeof cmi5Launches.$inferSelect;

export const CMI5 = {
	category: 'https://w3id.org/xapi/cmi5/context/categories/cmi5',
	moveOn: 'https://w3id.org/xapi/cmi5/context/categories/moveon',
	masteryScore: 'https://w3id.org/xapi/cmi5/context/extensions/masteryscore',
	sessionId: 'https://w3id.org/xapi/cmi5/context/extensions/sessionid'
} as const;

/** Seconds as an ISO 8601 duration (xAPI requires one on completed, passed, failed and terminated). */
export function duration(from: Date, to: Date): string {
	const seconds = Math.max(0, Math.round((to.getTime() - from.getTime()) / 10) / 100);
	return `PT${seconds}S`;
}

const launchMode = (launch: Launch) => launch.launchData.launchMode;
const masteryScore = (launch: Launch) => (typeof launch.launchData.masteryScore === 'number' ? launch.launchData.masteryScore : undefined);

function contextOf(launch: Launch, moveOn: boolean): Context {
	const template = (launch.launchData.contextTemplate ?? {}) as Context;
	const activities = template.contextActivities ?? {};
	const category = [...(activities.category ?? []), { id: CMI5.category }, ...(moveOn ? [{ id: CMI5.moveOn }] : [])];
	const mastery = masteryScore(launch);
	const extensions = { ...(template.extensions ?? {}), ...(moveOn && mastery !== undefined ? { [CMI5.masteryScore]: mastery } : {}) };
	return {
		...template,
		registration: launch.registration,
		contextActivities: { ...activities, category },
		...(Object.keys(extensions).length > 0 ? { extensions } : {})
	};
}

function base(launch: Launch, at: Date, verb: keyof typeof VERBS, moveOn = false): Statement {
	return {
		actor: launch.actor as unknown as Statement['actor'],
		verb: VERBS[verb],
		object: { objectType: 'Activity', id: launch.activityId },
		timestamp: at.toISOString(),
		context: contextOf(launch, moveOn)
	};
}

export function cmi5Initialized(launch: Launch, at: Date): Statement {
	return base(launch, at, 'initialized');
}

/** Only in Normal mode (cmi5 §9.3.3): browse and review launches report no completion. */
export function cmi5Completed(launch: Launch, at: Date): Statement | null {
	if (launchMode(launch) !== 'Normal') return null;
	return { ...base(launch, at, 'completed', true), result: { completion: true, duration: duration(launch.createdAt, at) } };
}

/**
 * Passed or failed with the score (scaled 0..1, raw within min..max), Normal mode only. The LMS's
 * masteryScore decides where it gave one (cmi5 §10.2.2); otherwise the test's own pass mark does.
 */
export function cmi5Judged(launch: Launch, at: Date, score: { raw: number; min: number; max: number }, ownPassed: boolean): Statement | null {
	if (launchMode(launch) !== 'Normal') return null;
	const scaled = score.max > score.min ? (score.raw - score.min) / (score.max - score.min) : 0;
	const mastery = masteryScore(launch);
	const passed = mastery === undefined ? ownPassed : scaled >= mastery;
	return {
		...base(launch, at, passed ? 'passed' : 'failed', true),
		result: { score: { scaled, ...score }, success: passed, duration: duration(launch.createdAt, at) }
	};
}

export function cmi5Terminated(launch: Launch, at: Date): Statement {
	return { ...base(launch, at, 'terminated'), result: { duration: duration(launch.createdAt, at) } };
}
