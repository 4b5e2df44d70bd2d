/**
 * The one logger: JSON lines (pino) to standard output, or to `LOG_FILE` instead. Security events
 * carry a stable `event` name, the user's id (never an e-mail address), the client's IP and the
 * request id, taken from the request context that `hooks.server.ts` opens for every request.
 * Call sites never pass passwords, tokens, e-mail addresses or anything a learner wrote; the
 * redaction below is a second line of defence, not the guarantee (the end-to-end log test is).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import pino from 'pino';

export type LogEvent =
	| 'login.ok'
	| 'login.failed'
	| 'logout'
	| 'logout.everywhere'
	| 'registration'
	| 'registration.requested'
	| 'reset.requested'
	| 'password.reset'
	| 'email.change.requested'
	| 'email.changed'
	| 'password.changed'
	| 'reauth.ok'
	| 'reauth.failed'
	| 'session.rotated'
	| 'account.created'
	| 'account.disabled'
	| 'account.enabled'
	| 'account.deleted'
	| 'data.exported'
	| 'throttle.hit'
	| 'authz.refused'
	| 'learner-work.read'
	| 'retention.purged'
	| 'rating.retention_reminded'
	| 'mail.failed'
	| 'mail.unsent'
	| 'server.error'
	| 'database.unavailable'
	| 'xapi.failed'
	| 'xapi.conflict'
	| 'cmi5.launch'
	| 'cmi5.launch.refused'
	| 'key.rotated'
	| 'certificate.issued'
	| 'certificate.revoked'
	| 'lti.launch'
	| 'lti.launch.refused'
	| 'lti.platform.registered'
	| 'lti.score.failed'
	| 'lti.roster.synced';

/** What the request context knows; `userId` is filled in once the session is validated. */
export type RequestContext = { requestId: string; ip?: string; route?: string | null; method?: string; userId?: string };

const context = new AsyncLocalStorage<RequestContext>();

/** Field names whose values must never be written, at the top level and one level down. */
const SECRET_KEYS = [
	'password',
	'currentPassword',
	'newPassword',
	'token',
	'sessionToken',
	'code',
	'cookie',
	'authorization',
	'email',
	'body',
	'text',
	'reflection',
	'note',
	'feedback',
	'reply'
];
export const REDACT_PATHS = [...SECRET_KEYS, ...SECRET_KEYS.map((k) => `*.${k}`), 'req.headers.cookie', 'req.headers.authorization'];

function destination(file: string | undefined): pino.DestinationStream {
	if (!file) return pino.destination({ dest: 1, sync: true });
	mkdirSync(dirname(file), { recursive: true });
	// Synchronous appends: every line is on disk when the call returns, and several processes may append to one file.
	return pino.destination({ dest: file, sync: true, append: true });
}

/** A logger with the app's format and redaction, writing to `stream` (tests pass their own). */
/** Quiet under vitest unless LOG_LEVEL asks otherwise: test output is for test results. */
const defaultLevel = process.env.LOG_LEVEL ?? (process.env.VITEST ? 'silent' : 'info');

export function createLogger(stream: pino.DestinationStream, level = defaultLevel): pino.Logger {
	return pino(
		{
			level,
			base: { service: 'ontroerd' },
			timestamp: pino.stdTimeFunctions.isoTime,
			redact: { paths: REDACT_PATHS, censor: '[redacted]' },
			formatters: { level: (label) => ({ level: label }) }
		},
		stream
	);
}

export const logger = createLogger(destination(process.env.LOG_FILE));

/** Runs `fn` with a request context that every log line inside it (awaits included) carries. */
export function withRequestContext<T>(ctx: RequestContext, fn: () => T): T {
	return context.run(ctx, fn);
}

export function requestContext(): RequestContext | undefined {
	return context.getStore();
}

type Fields = Record<string, string | number | boolean | null | undefined>;

/** One security event. `fields` hold ids, reasons and counts only. */
export function logEvent(event: LogEvent, fields: Fields = {}, level: 'info' | 'warn' | 'error' = 'info', to: pino.Logger = logger): void {
	const ctx = context.getStore();
	const line = ctx
		? { event, requestId: ctx.requestId, ip: ctx.ip, userId: ctx.userId, route: ctx.route ?? undefined, method: ctx.method, ...fields }
		: { event, ...fields };
	to[level](line);
}

/**
 * An error as log fields, without the values a failed query carried: drizzle puts a query's
 * parameters (a reflection's text, a password hash) into its message, so only the SQL with its
 * placeholders, the database's error code and the stack frames are kept.
 */
export function errorFields(error: unknown): Record<string, unknown> {
	if (!(error instanceof Error)) return { error: String(error).slice(0, 200) };
	const frames = error.stack
		?.split('\n')
		.filter((line) => line.trimStart().startsWith('at '))
		.slice(0, 12)
		.join('\n');
	const cause = error.cause as { code?: string; message?: string } | undefined;
	if ('query' in error && 'params' in error) {
		return { error: error.name, query: String(error.query).slice(0, 500), sqlState: cause?.code, stack: frames };
	}
	return { error: error.name, message: error.message.slice(0, 500), sqlState: cause?.code, stack: frames };
}
