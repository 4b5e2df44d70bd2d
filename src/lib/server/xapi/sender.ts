/**
 * Sends the outbox to the LRS, in the server process. A batch of due rows is claimed in a short
 * transaction (FOR UPDATE SKIP LOCKED, so two instances never claim one row) by pushing its next attempt
 * a lease ahead; the HTTP calls run outside any transaction, so a slow LRS holds no lock and, on PGlite,
 * never the one connection. A crash mid-send leaves the row to be sent again after the lease: with the same
 * statement id, which the LRS stores only once.
 */
import { and, asc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { db as appDb } from '../db';
import { cmi5Launches, xapiOutbox } from '../db/schema';
import { errorFields, logEvent, logger } from '../log';
import { xapiConfig, type XapiConfig } from './config';
import { CMI5_XAPI_VERSION } from './cmi5';

/** The xAPI version this app speaks (IEEE 9274.1.1, xAPI 2.0). */
export const XAPI_VERSION = '2.0.0';

export const SENDER = {
	/** How many rows one run claims. */
	batch: 25,
	/** A claimed row is not claimed again before this, unless it was settled earlier. */
	leaseMs: 60_000,
	/** One request's limit; well under the lease. */
	timeoutMs: 15_000,
	/** Back-off: the first retry after about this, doubling per attempt up to the cap. */
	retryBaseMs: 5_000,
	retryCapMs: 6 * 60 * 60 * 1000,
	/** How often each instance looks for due rows. */
	intervalMs: 5_000
} as const;

export type SendOptions = {
	config?: XapiConfig | null;
	now?: Date;
	fetch?: typeof fetch;
	/** 0..1, for the jitter; tests pass a fixed one. */
	random?: () => number;
};

export type SendResult = { sent: number; failed: number };

/** Exponential back-off with jitter: half the doubled delay is fixed, the other half random. */
export function retryDelay(attempts: number, random: () => number = Math.random): number {
	const full = Math.min(SENDER.retryCapMs, SENDER.retryBaseMs * 2 ** Math.max(0, attempts - 1));
	return Math.round(full / 2 + (full / 2) * random());
}

type Claimed = { id: string; statement: Record<string, unknown>; attempts: number; endpoint: string | null; authToken: string | null };

async function claim(db: Db, config: XapiConfig | null, now: Date): Promise<Claimed[]> {
	return db.transaction(async (tx) => {
		const due = await tx
			.select({ id: xapiOutbox.id })
			.from(xapiOutbox)
			.where(
				and(
					isNull(xapiOutbox.sentAt),
					lte(xapiOutbox.nextAttemptAt, now),
					config ? undefined : isNotNull(xapiOutbox.launchId),
					// cmi5 orders a session's statements (initialized first, terminated last): a launch's row waits for its earlier ones.
					sql`not exists (select 1 from xapi_outbox earlier where earlier.launch_id = ${xapiOutbox.launchId} and earlier.sent_at is null and earlier.seq < ${xapiOutbox.seq})`
				)
			)
			.orderBy(asc(xapiOutbox.nextAttemptAt), asc(xapiOutbox.seq))
			.limit(SENDER.batch)
			.for('update', { skipLocked: true });
		if (due.length === 0) return [];
		const ids = due.map((d) => d.id);
		await tx
			.update(xapiOutbox)
			.set({ nextAttemptAt: new Date(now.getTime() + SENDER.leaseMs), attempts: sql`${xapiOutbox.attempts} + 1` })
			.where(inArray(xapiOutbox.id, ids));
		return tx
			.select({
				id: xapiOutbox.id,
				statement: xapiOutbox.statement,
				attempts: xapiOutbox.attempts,
				endpoint: cmi5Launches.endpoint,
				authToken: cmi5Launches.authToken
			})
			.from(xapiOutbox)
			.leftJoin(cmi5Launches, eq(cmi5Launches.id, xapiOutbox.launchId))
			.where(inArray(xapiOutbox.id, ids))
			.orderBy(asc(xapiOutbox.seq));
	});
}

type Outcome = { ok: true; note?: string } | { ok: false; error: string; status?: number };

/**
 * PUT /statements?statementId=… (idempotent by id), as xAPI 2.0 §4.1.6.1 describes it. A cmi5 launch's
 * statements go to the LMS's LRS with the launch's token, in xAPI 1.0.3, which cmi5 (Quartz) is a profile of.
 */
async function put(row: Claimed, config: XapiConfig | null, fetchFn: typeof fetch): Promise<Outcome> {
	const target = row.endpoint
		? { endpoint: row.endpoint, authorization: `Basic ${row.authToken}`, version: CMI5_XAPI_VERSION }
		: config
			? { endpoint: config.endpoint, authorization: `Basic ${Buffer.from(`${config.key}:${config.secret}`).toString('base64')}`, version: XAPI_VERSION }
			: null;
	if (!target) return { ok: false, error: 'no LRS configured' };
	const url = new URL('statements', target.endpoint.endsWith('/') ? target.endpoint : `${target.endpoint}/`);
	url.searchParams.set('statementId', row.id);
	let response: Response;
	try {
		response = await fetchFn(url, {
			method: 'PUT',
			headers: { 'Content-Type': 'application/json', 'X-Experience-API-Version': target.version, Authorization: target.authorization },
			body: JSON.stringify(row.statement),
			signal: AbortSignal.timeout(SENDER.timeoutMs)
		});
	} catch (error) {
		return { ok: false, error: `network: ${error instanceof Error ? error.message : String(error)}` };
	}
	await response.body?.cancel();
	if (response.status === 200 || response.status === 204) return { ok: true };
	// 409: the LRS already holds a statement with this id. Ids are derived from the event, so it is this one from
	// an earlier attempt whose answer was lost; the LRS will never take another under this id, so it counts as sent.
	if (response.status === 409) return { ok: true, note: '409: the LRS already holds a statement with this id' };
	return { ok: false, status: response.status, error: `HTTP ${response.status}` };
}

/** Claims the due rows and sends each; returns how many went out and how many wait for a retry. */
export async function sendDue(db: Db, options: SendOptions = {}): Promise<SendResult> {
	const config = options.config === undefined ? xapiConfig() : options.config;
	const now = options.now ?? new Date();
	const fetchFn = options.fetch ?? fetch;
	const rows = await claim(db, config, now);
	const result: SendResult = { sent: 0, failed: 0 };
	for (const row of rows) {
		const outcome = await put(row, config, fetchFn);
		if (outcome.ok) {
			result.sent++;
			if (outcome.note) logEvent('xapi.conflict', { statementId: row.id, note: outcome.note }, 'warn');
			await db
				.update(xapiOutbox)
				.set({ sentAt: new Date(), lastError: outcome.note ?? null })
				.where(eq(xapiOutbox.id, row.id));
			continue;
		}
		result.failed++;
		const delay = retryDelay(row.attempts, options.random);
		// A refusal the LRS will repeat (a bad statement, wrong credentials) needs an operator; a 412, 429, 5xx or a lost connection passes.
		const level = outcome.status && outcome.status < 500 && outcome.status !== 412 && outcome.status !== 429 ? 'error' : 'warn';
		logEvent('xapi.failed', { statementId: row.id, attempts: row.attempts, status: outcome.status, error: outcome.error, retryInMs: delay }, level);
		await db
			.update(xapiOutbox)
			.set({ nextAttemptAt: new Date(now.getTime() + delay), lastError: outcome.error.slice(0, 500) })
			.where(and(eq(xapiOutbox.id, row.id), isNull(xapiOutbox.sentAt)));
	}
	return result;
}

/** Statements still waiting, for a health view and the tests: none of them lost. */
export async function pendingCount(db: Db): Promise<number> {
	const [row] = await db
		.select({ n: sql<number>`count(*)::int` })
		.from(xapiOutbox)
		.where(isNull(xapiOutbox.sentAt));
	return row?.n ?? 0;
}

type Holder = { ontroerdXapiSender?: NodeJS.Timeout };
const holder = globalThis as Holder;

/**
 * Every instance sends every SENDER.intervalMs; one run at a time per process. The timer never keeps the
 * process alive and stops at shutdown, so no run reopens a closed database.
 */
export function startXapiSender(interval: number = SENDER.intervalMs): void {
	if (holder.ontroerdXapiSender) return;
	let running = false;
	const run = async () => {
		if (running) return;
		running = true;
		try {
			let batch: SendResult;
			do batch = await sendDue(await appDb());
			while (batch.sent === SENDER.batch);
		} catch (error) {
			logger.warn({ event: 'xapi.failed', ...errorFields(error) }, 'xAPI sender run failed; the next run tries again');
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void run(), interval).unref();
	holder.ontroerdXapiSender = timer;
	process.once('sveltekit:shutdown', () => clearInterval(timer));
}
