/** Registered platforms (LMSs) and their deployments: added from the admin command line or by Dynamic Registration. */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { ltiDeployments, ltiPlatforms, type LtiPlatform } from '../db/schema';

export type NewPlatform = { name: string; issuer: string; clientId: string; authUrl: string; tokenUrl: string; jwksUrl: string; deploymentIds: string[] };

/** Only https, except for a loopback host (a platform on the same machine, and the tests' platform). */
export function acceptableUrl(value: string): boolean {
	try {
		const url = new URL(value);
		return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
	} catch {
		return false;
	}
}

export type PlatformProblem = 'bad-url' | 'exists';

/** Per database: whether any platform is registered, and when that was read. */
const registered = new WeakMap<object, { any: boolean; at: number }>();
/** How long "no platform" is believed: a platform added by the command line (another process) counts after at most this. */
const PLATFORMS_RECHECK_MS = 60_000;

/**
 * Whether any LMS platform is registered. Without one no learner has a grade link, so a learner's write need not
 * look for one (issue 19): a statement per write saved. Read at most once a minute; a platform added or launched
 * from in this process counts at once.
 */
export async function platformsRegistered(db: Db, now = Date.now()): Promise<boolean> {
	const known = registered.get(db);
	if (known && (known.any || now - known.at < PLATFORMS_RECHECK_MS)) return known.any;
	const [row] = await db.select({ id: ltiPlatforms.id }).from(ltiPlatforms).limit(1);
	registered.set(db, { any: row !== undefined, at: now });
	return row !== undefined;
}

function notePlatform(db: Db): void {
	registered.set(db, { any: true, at: Date.now() });
}

/** Adds a platform with its deployments; the same issuer and client id twice is refused. */
export async function addPlatform(db: Db, p: NewPlatform): Promise<{ ok: true; platform: LtiPlatform } | { ok: false; error: PlatformProblem }> {
	if (![p.issuer, p.authUrl, p.tokenUrl, p.jwksUrl].every(acceptableUrl)) return { ok: false, error: 'bad-url' };
	const added = await db.transaction(async (tx) => {
		const [platform] = await tx
			.insert(ltiPlatforms)
			.values({
				id: crypto.randomUUID(),
				name: p.name.trim() || p.issuer,
				issuer: p.issuer,
				clientId: p.clientId,
				authUrl: p.authUrl,
				tokenUrl: p.tokenUrl,
				jwksUrl: p.jwksUrl
			})
			.onConflictDoNothing()
			.returning();
		if (!platform) return { ok: false as const, error: 'exists' as const };
		if (p.deploymentIds.length > 0) await tx.insert(ltiDeployments).values(p.deploymentIds.map((deploymentId) => ({ platformId: platform.id, deploymentId })));
		return { ok: true as const, platform };
	});
	if (added.ok) notePlatform(db);
	return added;
}

export async function addDeployment(db: Db, platformId: string, deploymentId: string): Promise<void> {
	await db.insert(ltiDeployments).values({ platformId, deploymentId }).onConflictDoNothing();
}

/** The platform an issuer's login or launch is for. Without a client id an issuer must have exactly one registration. */
export async function findPlatform(db: Db, issuer: string, clientId?: string): Promise<LtiPlatform | undefined> {
	const rows = await db
		.select()
		.from(ltiPlatforms)
		.where(clientId ? and(eq(ltiPlatforms.issuer, issuer), eq(ltiPlatforms.clientId, clientId)) : eq(ltiPlatforms.issuer, issuer));
	if (rows.length > 0) notePlatform(db);
	return rows.length === 1 ? rows[0] : undefined;
}

export async function platformById(db: Db, id: string): Promise<LtiPlatform | undefined> {
	const [row] = await db.select().from(ltiPlatforms).where(eq(ltiPlatforms.id, id));
	return row;
}

export async function isDeployment(db: Db, platformId: string, deploymentId: string): Promise<boolean> {
	const rows = await db
		.select({ id: ltiDeployments.deploymentId })
		.from(ltiDeployments)
		.where(and(eq(ltiDeployments.platformId, platformId), eq(ltiDeployments.deploymentId, deploymentId)));
	return rows.length > 0;
}

export async function listPlatforms(db: Db) {
	const [platforms, deployments] = await Promise.all([db.select().from(ltiPlatforms), db.select().from(ltiDeployments)]);
	return platforms.map((p) => ({ ...p, deploymentIds: deployments.filter((d) => d.platformId === p.id).map((d) => d.deploymentId) }));
}

export async function removePlatform(db: Db, id: string): Promise<boolean> {
	const rows = await db.delete(ltiPlatforms).where(eq(ltiPlatforms.id, id)).returning({ id: ltiPlatforms.id });
	registered.delete(db);
	return rows.length > 0;
}
