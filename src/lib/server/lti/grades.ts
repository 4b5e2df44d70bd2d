/**
 * Assignment and Grade Services 2.0: scores go to the line item of the link a learner launched. A module's score
 * is sent when the learner completes it; the final test's when it is submitted (postTestScore). Sending happens
 * after the learner's answer and never fails their request: a platform that is away gets the next score.
 */
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { ltiGradeLinks, progress, type LtiGradeLink } from '../db/schema';
import type { Course } from '../content';
import { logEvent } from '../log';
import { MEDIA, SCOPE } from './claims';
import { platformById, platformsRegistered } from './platforms';
import { serviceFetch, PlatformServiceError } from './services';
import { FINAL_TEST_PATH } from './targets';

export type ActivityProgress = 'Initialized' | 'Started' | 'InProgress' | 'Submitted' | 'Completed';
export type GradingProgress = 'FullyGraded' | 'Pending' | 'PendingManual' | 'Failed' | 'NotReady';
export type Score = { scoreGiven: number; scoreMaximum: number; activityProgress: ActivityProgress; gradingProgress: GradingProgress; comment?: string };

/** The line item a link's scores go to: the one from the launch, else the first of the container (or a new one). */
async function lineItemOf(db: Db, link: LtiGradeLink, label: string, scoreMaximum: number): Promise<string | null> {
	if (link.lineItemUrl) return link.lineItemUrl;
	if (!link.lineItemsUrl) return null;
	const platform = await platformById(db, link.platformId);
	if (!platform) return null;
	const scopes = [SCOPE.lineItem];
	const container = new URL(link.lineItemsUrl);
	container.searchParams.set('resource_link_id', link.resourceLinkId);
	const found = await serviceFetch(db, platform, scopes, container.toString(), { headers: { accept: MEDIA.lineItems } });
	if (!found.ok) throw new PlatformServiceError(`line items answered ${found.status}`, found.status);
	const items = (await found.json()) as { id?: string }[];
	let url = items.find((i) => typeof i.id === 'string')?.id;
	if (!url) {
		const made = await serviceFetch(db, platform, scopes, link.lineItemsUrl, {
			method: 'POST',
			headers: { 'content-type': MEDIA.lineItem, accept: MEDIA.lineItem },
			body: JSON.stringify({ scoreMaximum, label, resourceLinkId: link.resourceLinkId, resourceId: link.target })
		});
		if (!made.ok) throw new PlatformServiceError(`line item creation answered ${made.status}`, made.status);
		url = ((await made.json()) as { id?: string }).id;
	}
	if (!url) return null;
	await db.update(ltiGradeLinks).set({ lineItemUrl: url }).where(eq(ltiGradeLinks.id, link.id));
	return url;
}

/** POSTs a score to `<line item>/scores` (the path goes before any query string). */
export async function postScore(db: Db, link: LtiGradeLink, score: Score, label: string, now = new Date()): Promise<void> {
	const platform = await platformById(db, link.platformId);
	if (!platform) return;
	const lineItem = await lineItemOf(db, link, label, score.scoreMaximum);
	if (!lineItem) return;
	const url = new URL(lineItem);
	url.pathname = `${url.pathname.replace(/\/$/, '')}/scores`;
	const response = await serviceFetch(db, platform, [SCOPE.score], url.toString(), {
		method: 'POST',
		headers: { 'content-type': MEDIA.score },
		body: JSON.stringify({ userId: link.subject, timestamp: now.toISOString(), ...score })
	});
	if (!response.ok) throw new PlatformServiceError(`scores answered ${response.status}`, response.status);
	await db.update(ltiGradeLinks).set({ lastPostedAt: now }).where(eq(ltiGradeLinks.id, link.id));
}

async function linksTo(db: Db, learnerId: string, target: string): Promise<LtiGradeLink[]> {
	return db
		.select()
		.from(ltiGradeLinks)
		.where(and(eq(ltiGradeLinks.userId, learnerId), eq(ltiGradeLinks.target, target)));
}

async function postAll(db: Db, links: LtiGradeLink[], score: Score, label: string): Promise<number> {
	let sent = 0;
	for (const link of links) {
		try {
			await postScore(db, link, score, label);
			sent++;
		} catch (error) {
			logEvent('lti.score.failed', { userId: link.userId, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'warn');
		}
	}
	return sent;
}

/**
 * Sends a module's score once all its items are completed, to every link that landed on the module or one of
 * its items. A link posted once for a completed module is not posted again. Returns how many were sent.
 */
export async function reportModuleCompletion(db: Db, course: Course, learnerId: string, moduleId: string): Promise<number> {
	const module = course.modules.find((m) => m.id === moduleId);
	if (!module || !(await platformsRegistered(db))) return 0;
	const links = await db
		.select()
		.from(ltiGradeLinks)
		.where(and(eq(ltiGradeLinks.userId, learnerId), isNull(ltiGradeLinks.lastPostedAt)));
	const mine = links.filter((l) => l.target === `/modules/${moduleId}` || l.target.startsWith(`/modules/${moduleId}/`));
	if (mine.length === 0) return 0;
	const done = await db
		.select({ itemId: progress.itemId })
		.from(progress)
		.where(and(eq(progress.learnerId, learnerId), eq(progress.moduleId, moduleId), eq(progress.status, 'completed')));
	const completed = new Set(done.map((d) => d.itemId));
	if (!module.items.every((i) => completed.has(i.id))) return 0;
	const total = module.items.length;
	return postAll(db, mine, { scoreGiven: total, scoreMaximum: total, activityProgress: 'Completed', gradingProgress: 'FullyGraded' }, module.title.nl);
}

/** For the final test (the lead wires this to its submission): the score, with the test fully graded. */
export async function postTestScore(db: Db, learnerId: string, score: number, max: number): Promise<number> {
	if (!(await platformsRegistered(db))) return 0;
	const links = await linksTo(db, learnerId, FINAL_TEST_PATH);
	return postAll(db, links, { scoreGiven: score, scoreMaximum: max, activityProgress: 'Completed', gradingProgress: 'FullyGraded' }, 'Eindtoets');
}
