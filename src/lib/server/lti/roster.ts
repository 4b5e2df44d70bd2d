/**
 * Names and Role Provisioning Services 2.0: an instructor pulls the course's roster into their cohort. Members are
 * matched by (platform, user_id) exactly as launches are; someone new gets an account that their first launch
 * then uses. Learners join the cohort; nobody is removed (a learner who left the course keeps their work here).
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { cohorts, ltiAccounts, ltiCohorts, users } from '../db/schema';
import { logEvent } from '../log';
import { MEDIA, SCOPE, contextRole } from './claims';
import { platformById } from './platforms';
import { PlatformServiceError, serviceFetch } from './services';
import { NO_PASSWORD, joinContextCohorts, nameFrom, recordContextMember } from './provision';

type Member = { user_id?: unknown; roles?: unknown; status?: unknown; name?: unknown; given_name?: unknown; family_name?: unknown };
export type RosterResult = { ok: true; learners: number; added: number } | { ok: false; error: 'not-lti' | 'no-service' | 'platform' };

/** Follows rel="next" links in the Link header, as NRPS pages a large roster. */
function nextPage(link: string | null): string | null {
	const match = link?.split(',').find((part) => /rel="?next"?/.test(part));
	return match ? (/<([^>]+)>/.exec(match)?.[1] ?? null) : null;
}

export async function syncRoster(db: Db, supervisorId: string, cohortId: string): Promise<RosterResult> {
	const [row] = await db
		.select({ lti: ltiCohorts })
		.from(ltiCohorts)
		.innerJoin(cohorts, eq(cohorts.id, ltiCohorts.cohortId))
		.where(and(eq(ltiCohorts.cohortId, cohortId), eq(cohorts.supervisorId, supervisorId)));
	if (!row) return { ok: false, error: 'not-lti' };
	const { lti } = row;
	const platform = await platformById(db, lti.platformId);
	if (!platform || !lti.membershipsUrl) return { ok: false, error: 'no-service' };
	const members: Member[] = [];
	try {
		for (let url: string | null = lti.membershipsUrl, pages = 0; url && pages < 50; pages++) {
			const response = await serviceFetch(db, platform, [SCOPE.memberships], url, { headers: { accept: MEDIA.memberships } });
			if (!response.ok) throw new PlatformServiceError(`memberships answered ${response.status}`, response.status);
			const body = (await response.json()) as { members?: Member[] };
			members.push(...(body.members ?? []));
			url = nextPage(response.headers.get('link'));
		}
	} catch (error) {
		logEvent('lti.roster.synced', { userId: supervisorId, reason: error instanceof Error ? error.message.slice(0, 200) : 'unknown' }, 'warn');
		return { ok: false, error: 'platform' };
	}
	let learners = 0;
	let added = 0;
	for (const member of members) {
		const sub = typeof member.user_id === 'string' ? member.user_id : '';
		if (!sub || sub.length > 255 || (member.status !== undefined && member.status !== 'Active')) continue;
		const roles = Array.isArray(member.roles) ? member.roles.filter((r): r is string => typeof r === 'string') : [];
		if (contextRole(roles) !== 'learner') continue;
		learners++;
		await db.transaction(async (tx) => {
			const [linked] = await tx
				.select({ userId: ltiAccounts.userId })
				.from(ltiAccounts)
				.where(and(eq(ltiAccounts.platformId, platform.id), eq(ltiAccounts.subject, sub)));
			let userId = linked?.userId;
			if (!userId) {
				userId = crypto.randomUUID();
				const claims = { sub, name: member.name, given_name: member.given_name, family_name: member.family_name } as Parameters<typeof nameFrom>[0];
				await tx
					.insert(users)
					.values({ id: userId, email: `${userId}@lti.invalid`, displayName: nameFrom(claims), passwordHash: NO_PASSWORD, role: 'trainee' });
				await tx.insert(ltiAccounts).values({ platformId: platform.id, subject: sub, userId });
				added++;
			}
			await recordContextMember(tx, platform.id, lti.contextId, userId, 'learner');
			await joinContextCohorts(tx, platform.id, lti.contextId, userId);
		});
	}
	logEvent('lti.roster.synced', { userId: supervisorId, learners, added });
	return { ok: true, learners, added };
}
