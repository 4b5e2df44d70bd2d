/**
 * A cmi5 launch of a module as an assignable unit (cmi5 Quartz, §8): the LMS opens
 * /cmi5/launch/<module>?endpoint=…&fetch=…&actor=…&registration=…&activityId=…; the server fetches the
 * auth token once, reads LMS.LaunchData from the LMS's LRS with it (which also proves the LMS stands behind
 * this actor and registration), maps the actor's account to an Ontroerd account (never by e-mail), and
 * queues "initialized" through the outbox. Completion and termination follow from the learner's work.
 * Only LMS origins listed in CMI5_LMS_ORIGINS are contacted: the server never fetches a URL a stranger chose.
 */
import { and, desc, eq, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db';
import { cmi5Accounts, cmi5Launches, progress, users, type User } from '../db/schema';
import type { Course, Module } from '../content';
import { enqueue } from './outbox';
import { cmi5Completed, cmi5Initialized, cmi5Terminated } from './cmi5-statements';

/** cmi5 is a profile of xAPI 1.0.x: the LMS's LRS is addressed in that version. */
export const CMI5_XAPI_VERSION = '1.0.3';

/** Stored as the password hash of an account made by a launch: no password verifies against it. */
export const NO_PASSWORD = '!cmi5';

export type LaunchParams = { endpoint: string; fetch: string; actor: Actor; registration: string; activityId: string };
type Actor = { objectType: 'Agent'; name?: string; account: { homePage: string; name: string } };

const actorSchema = z.object({
	objectType: z.literal('Agent'),
	name: z.string().max(200).optional(),
	account: z.object({ homePage: z.url(), name: z.string().min(1).max(500) })
});

const launchDataSchema = z.looseObject({
	launchMode: z.enum(['Normal', 'Browse', 'Review']),
	contextTemplate: z.looseObject({}),
	moveOn: z.string().optional(),
	masteryScore: z.number().min(0).max(1).optional(),
	returnURL: z.url().optional()
});
export type LaunchData = z.infer<typeof launchDataSchema>;

const launchHolder = globalThis as { ontroerdCmi5Launched?: boolean };

/**
 * Whether a module may have been launched over cmi5: the installation trusts an LMS, or this process accepted a
 * launch. When not, a learner's progress write has no launch to report completion to and looks for none.
 */
export function cmi5InUse(): boolean {
	return launchHolder.ontroerdCmi5Launched === true || lmsOrigins().length > 0;
}

/** The LMS origins this installation trusts (CMI5_LMS_ORIGINS, comma-separated); none: cmi5 is off. */
export function lmsOrigins(env: Record<string, string | undefined> = process.env): string[] {
	return (env.CMI5_LMS_ORIGINS ?? '')
		.split(',')
		.map((o) => o.trim())
		.filter(Boolean)
		.map((o) => new URL(o).origin);
}

export type LaunchError = 'disabled' | 'bad-parameters' | 'untrusted-lms' | 'unknown-module' | 'token-refused' | 'launch-data-refused';

/** Reads the launch URL's query (cmi5 §8.1); null when anything is missing or malformed. */
export function parseLaunch(query: URLSearchParams): LaunchParams | null {
	const parsed = z
		.object({
			endpoint: z.url(),
			fetch: z.url(),
			actor: z.string().transform((s, ctx) => {
				try {
					return JSON.parse(s) as unknown;
				} catch {
					ctx.addIssue({ code: 'custom', message: 'actor is not JSON' });
					return z.NEVER;
				}
			}),
			registration: z.uuid(),
			activityId: z.url()
		})
		.safeParse(Object.fromEntries(['endpoint', 'fetch', 'actor', 'registration', 'activityId'].map((k) => [k, query.get(k) ?? undefined])));
	if (!parsed.success) return null;
	const actor = actorSchema.safeParse(parsed.data.actor);
	if (!actor.success) return null;
	return { ...parsed.data, actor: actor.data };
}

const trusted = (url: string, origins: string[]) => origins.includes(new URL(url).origin);

/** cmi5 §8.2: one POST to the fetch URL; the answer is `auth-token`, or an error code in a 200 answer. */
async function fetchToken(url: string, fetchFn: typeof fetch): Promise<string | null> {
	try {
		const response = await fetchFn(url, { method: 'POST', signal: AbortSignal.timeout(10_000) });
		if (!response.ok) return null;
		const body = (await response.json()) as Record<string, unknown>;
		return typeof body['auth-token'] === 'string' && body['auth-token'] ? body['auth-token'] : null;
	} catch {
		return null;
	}
}

/** cmi5 §10: the State document LMS.LaunchData for this actor, activity and registration. */
async function fetchLaunchData(params: LaunchParams, token: string, fetchFn: typeof fetch): Promise<LaunchData | null> {
	const url = new URL('activities/state', params.endpoint.endsWith('/') ? params.endpoint : `${params.endpoint}/`);
	url.searchParams.set('stateId', 'LMS.LaunchData');
	url.searchParams.set('activityId', params.activityId);
	url.searchParams.set('agent', JSON.stringify(params.actor));
	url.searchParams.set('registration', params.registration);
	try {
		const response = await fetchFn(url, {
			headers: { Authorization: `Basic ${token}`, 'X-Experience-API-Version': CMI5_XAPI_VERSION },
			signal: AbortSignal.timeout(10_000)
		});
		if (!response.ok) return null;
		const parsed = launchDataSchema.safeParse(await response.json());
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** The account behind the LMS account (homePage, name), made on the first launch; an e-mail address is never used. */
async function accountFor(tx: Tx, actor: Actor): Promise<User> {
	const [linked] = await tx
		.select({ user: users })
		.from(cmi5Accounts)
		.innerJoin(users, eq(users.id, cmi5Accounts.userId))
		.where(and(eq(cmi5Accounts.homePage, actor.account.homePage), eq(cmi5Accounts.name, actor.account.name)));
	if (linked) return linked.user;
	const id = crypto.randomUUID();
	const [user] = await tx
		.insert(users)
		.values({
			id,
			// Required and unique; no address is known, and none is guessed, so that no two accounts merge by it.
			email: `${id}@cmi5.invalid`,
			displayName: actor.name?.trim().slice(0, 120) || `LMS ${id.slice(0, 6)}`,
			passwordHash: NO_PASSWORD
		})
		.returning();
	if (!user) throw new Error('cmi5 account not created');
	await tx.insert(cmi5Accounts).values({ homePage: actor.account.homePage, name: actor.account.name, userId: id });
	return user;
}

async function moduleDone(tx: Tx, learnerId: string, module: Module): Promise<boolean> {
	const rows = await tx
		.select({ itemId: progress.itemId })
		.from(progress)
		.where(and(eq(progress.learnerId, learnerId), eq(progress.moduleId, module.id), eq(progress.status, 'completed')));
	return module.items.every((i) => rows.some((r) => r.itemId === i.id));
}

export type LaunchResult = { ok: true; user: User; launchId: string; moduleId: string } | { ok: false; error: LaunchError };

/**
 * Accepts a launch: token, launch data, account, the launch row and its "initialized" statement (and
 * "completed" at once when the module was already finished, unless this registration reported it before).
 */
export async function acceptLaunch(
	db: Db,
	course: Course,
	moduleId: string,
	query: URLSearchParams,
	options: { fetch?: typeof fetch; origins?: string[]; now?: Date } = {}
): Promise<LaunchResult> {
	const origins = options.origins ?? lmsOrigins();
	if (origins.length === 0) return { ok: false, error: 'disabled' };
	const params = parseLaunch(query);
	if (!params) return { ok: false, error: 'bad-parameters' };
	if (!trusted(params.endpoint, origins) || !trusted(params.fetch, origins)) return { ok: false, error: 'untrusted-lms' };
	const module = course.modules.find((m) => m.id === moduleId);
	if (!module) return { ok: false, error: 'unknown-module' };
	const fetchFn = options.fetch ?? fetch;
	const token = await fetchToken(params.fetch, fetchFn);
	if (!token) return { ok: false, error: 'token-refused' };
	const launchData = await fetchLaunchData(params, token, fetchFn);
	if (!launchData) return { ok: false, error: 'launch-data-refused' };
	const at = options.now ?? new Date();
	return db.transaction(async (tx) => {
		const user = await accountFor(tx, params.actor);
		// cmi5 §9.3.3: one "completed" per registration and AU, however many launches it takes.
		const [reported] = await tx
			.select({ at: cmi5Launches.completedAt })
			.from(cmi5Launches)
			.where(and(eq(cmi5Launches.registration, params.registration), eq(cmi5Launches.activityId, params.activityId), isNotNull(cmi5Launches.completedAt)))
			.limit(1);
		const [launch] = await tx
			.insert(cmi5Launches)
			.values({
				id: crypto.randomUUID(),
				learnerId: user.id,
				moduleId: module.id,
				endpoint: params.endpoint,
				authToken: token,
				registration: params.registration,
				activityId: params.activityId,
				actor: params.actor,
				launchData,
				createdAt: at,
				completedAt: reported?.at ?? null
			})
			.returning();
		if (!launch) throw new Error('cmi5 launch not stored');
		launchHolder.ontroerdCmi5Launched = true;
		await enqueue(tx, user.id, `cmi5-initialized:${launch.id}`, cmi5Initialized(launch, at), launch.id);
		if (!reported && (await moduleDone(tx, user.id, module))) {
			const completed = cmi5Completed(launch, new Date(at.getTime() + 1));
			if (completed) {
				await tx.update(cmi5Launches).set({ completedAt: at }).where(eq(cmi5Launches.id, launch.id));
				await enqueue(tx, user.id, `cmi5-completed:${launch.id}`, completed, launch.id);
			}
		}
		return { ok: true as const, user, launchId: launch.id, moduleId: module.id };
	});
}

/** The LMS's return address from its launch data, when it is a web address (a javascript: URL is a valid URL too). */
function returnUrlOf(launchData: Record<string, unknown>): string | null {
	const value = launchData.returnURL;
	if (typeof value !== 'string') return null;
	try {
		return ['https:', 'http:'].includes(new URL(value).protocol) ? value : null;
	} catch {
		return null;
	}
}

/** Where the learner goes back to after closing their latest session: the LMS's return address, if it gave one. */
export async function lastReturnUrl(db: Db, learnerId: string): Promise<string | null> {
	const [launch] = await db
		.select({ launchData: cmi5Launches.launchData })
		.from(cmi5Launches)
		.where(and(eq(cmi5Launches.learnerId, learnerId), isNotNull(cmi5Launches.terminatedAt)))
		.orderBy(desc(cmi5Launches.terminatedAt))
		.limit(1);
	return launch ? returnUrlOf(launch.launchData) : null;
}

/** The learner's open launch of a module, if an LMS launched it: for the "back to the LMS" button. */
export async function openLaunch(db: Db, learnerId: string, moduleId: string): Promise<{ id: string; returnUrl: string | null } | null> {
	const [launch] = await db
		.select({ id: cmi5Launches.id, launchData: cmi5Launches.launchData })
		.from(cmi5Launches)
		.where(and(eq(cmi5Launches.learnerId, learnerId), eq(cmi5Launches.moduleId, moduleId), isNull(cmi5Launches.terminatedAt)))
		.orderBy(desc(cmi5Launches.createdAt))
		.limit(1);
	if (!launch) return null;
	return { id: launch.id, returnUrl: returnUrlOf(launch.launchData) };
}

/** Ends the session (cmi5 §9.3.8): "terminated", the last statement of the launch; a second call changes nothing. */
export async function terminateLaunch(db: Db, learnerId: string, launchId: string, at = new Date()): Promise<{ returnUrl: string | null } | null> {
	return db.transaction(async (tx) => {
		const [launch] = await tx
			.update(cmi5Launches)
			.set({ terminatedAt: at })
			.where(and(eq(cmi5Launches.id, launchId), eq(cmi5Launches.learnerId, learnerId), isNull(cmi5Launches.terminatedAt)))
			.returning();
		if (!launch) return null;
		await enqueue(tx, learnerId, `cmi5-terminated:${launch.id}`, cmi5Terminated(launch, at), launch.id);
		return { returnUrl: returnUrlOf(launch.launchData) };
	});
}
