/**
 * A Learning Record Store double on 127.0.0.1 that checks every statement against the xAPI 2.0 rules the
 * app relies on (IEEE 9274.1.1: the Statement resource, 4.1.6.1, and the statement properties of part 2)
 * and answers as the specification says: 204 for a stored (or an identical, repeated) statement, 409 for
 * a different statement under a stored id, 400 for a bad one. It can also be down (503), drop connections,
 * lose its answer after storing, or refuse with 412. For cmi5 it plays the LMS too: a fetch URL that hands
 * out an auth token once, and the LMS.LaunchData state document.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Mode = 'up' | 'down' | 'drop' | 'lose-answer' | 'precondition';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s]+$/i;
/** RFC 5646 language tags, as far as the app uses them (language, optional region). */
const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z]{2})?$/;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const STATEMENT_KEYS = ['id', 'actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
const INTERACTION_TYPES = ['true-false', 'choice', 'fill-in', 'long-fill-in', 'matching', 'performance', 'sequencing', 'likert', 'numeric', 'other'];
const FREE_TEXT_INTERACTIONS = ['fill-in', 'long-fill-in', 'other'];

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function languageMap(value: unknown, where: string, problems: string[]) {
	if (!isObject(value)) return problems.push(`${where} is not a language map`);
	for (const [tag, text] of Object.entries(value)) {
		if (!LANGUAGE_TAG.test(tag)) problems.push(`${where} has a bad language tag ${tag}`);
		if (typeof text !== 'string') problems.push(`${where}.${tag} is not a string`);
	}
}

function activity(value: unknown, where: string, problems: string[], freeText: boolean, response?: unknown) {
	if (!isObject(value)) return problems.push(`${where} is not an object`);
	if (value.objectType !== undefined && value.objectType !== 'Activity') problems.push(`${where}.objectType is not Activity`);
	if (typeof value.id !== 'string' || !IRI.test(value.id)) problems.push(`${where}.id is not an IRI`);
	const definition = value.definition;
	if (definition === undefined) return;
	if (!isObject(definition)) return problems.push(`${where}.definition is not an object`);
	if (definition.type !== undefined && (typeof definition.type !== 'string' || !IRI.test(definition.type)))
		problems.push(`${where}.definition.type is not an IRI`);
	if (definition.name !== undefined) languageMap(definition.name, `${where}.definition.name`, problems);
	if (definition.interactionType !== undefined) {
		if (!INTERACTION_TYPES.includes(definition.interactionType as string)) problems.push(`${where} has an unknown interactionType`);
		if (definition.type !== 'http://adlnet.gov/expapi/activities/cmi.interaction') problems.push(`${where} is an interaction without the cmi.interaction type`);
		if (!freeText && FREE_TEXT_INTERACTIONS.includes(definition.interactionType as string) && response !== undefined)
			problems.push(`${where}: free text sent without the opt-in`);
	}
	if (definition.choices !== undefined) {
		if (definition.interactionType !== 'choice' && definition.interactionType !== 'sequencing')
			problems.push(`${where} has choices for a ${String(definition.interactionType)}`);
		const ids = (definition.choices as Json[]).map((c) => c.id);
		if (new Set(ids).size !== ids.length) problems.push(`${where} has duplicate choice ids`);
		for (const c of definition.choices as Json[]) languageMap(c.description, `${where} choice ${String(c.id)}`, problems);
	}
}

function agent(value: unknown, where: string, problems: string[]) {
	if (!isObject(value)) return problems.push(`${where} is not an object`);
	if (value.objectType !== undefined && value.objectType !== 'Agent') problems.push(`${where}.objectType is not Agent`);
	const ifis = ['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => value[k] !== undefined);
	if (ifis.length !== 1) problems.push(`${where} has ${ifis.length} inverse functional identifiers, not exactly one`);
	const account = value.account;
	if (account !== undefined) {
		if (!isObject(account) || typeof account.homePage !== 'string' || !IRI.test(account.homePage) || typeof account.name !== 'string' || !account.name)
			problems.push(`${where}.account needs an IRL homePage and a name`);
	}
}

const CMI5_CATEGORY = 'https://w3id.org/xapi/cmi5/context/categories/cmi5';
const MOVE_ON = 'https://w3id.org/xapi/cmi5/context/categories/moveon';
const CMI5_VERBS = ['initialized', 'completed', 'passed', 'failed', 'terminated'].map((v) => `http://adlnet.gov/expapi/verbs/${v}`);

/** cmi5 Quartz §9 for "cmi5 defined" statements: account actor, the cmi5 category, registration, and per verb its result. */
export function validateCmi5(statement: Json, registrations: Set<string>): string[] {
	const problems: string[] = [];
	const verb = (statement.verb as Json | undefined)?.id as string;
	if (!CMI5_VERBS.includes(verb)) return [`${verb} is not a verb an AU may use in a cmi5 defined statement`];
	if (!isObject((statement.actor as Json | undefined)?.account)) problems.push('cmi5: the actor has no account');
	const context = (statement.context ?? {}) as Json;
	if (!registrations.has(context.registration as string)) problems.push("cmi5: context.registration is not the launch's");
	const category = (((context.contextActivities ?? {}) as Json).category ?? []) as Json[];
	if (!category.some((c) => c.id === CMI5_CATEGORY)) problems.push('cmi5: the cmi5 category is missing');
	const moveOn = ['completed', 'passed', 'failed'].some((v) => verb.endsWith(v));
	if (moveOn !== category.some((c) => c.id === MOVE_ON)) problems.push('cmi5: the moveOn category belongs on completed, passed and failed only');
	const result = (statement.result ?? {}) as Json;
	if (verb.endsWith('completed') && result.completion !== true) problems.push('cmi5: completed needs result.completion true');
	if (!verb.endsWith('completed') && result.completion !== undefined) problems.push('cmi5: completion only on completed');
	if (verb.endsWith('passed') !== (result.success === true) || verb.endsWith('failed') !== (result.success === false))
		problems.push('cmi5: success does not match the verb');
	if (result.score !== undefined && !verb.endsWith('passed') && !verb.endsWith('failed')) problems.push('cmi5: a score only on passed or failed');
	if (!verb.endsWith('initialized') && typeof result.duration !== 'string') problems.push('cmi5: duration is required here');
	return problems;
}

/** The rules; returns what is wrong (empty: valid). */
export function validateStatement(statement: unknown, statementId: string, freeText: boolean): string[] {
	const problems: string[] = [];
	if (!isObject(statement)) return ['the body is not a statement object'];
	for (const key of Object.keys(statement)) if (!STATEMENT_KEYS.includes(key)) problems.push(`unexpected property ${key} (set by the LRS, or unknown)`);
	if (statement.id !== undefined && statement.id !== statementId) problems.push('the id differs from statementId');
	if (!UUID.test(statementId)) problems.push('statementId is not a lower-case RFC 4122 UUID');
	agent(statement.actor, 'actor', problems);
	const verb = statement.verb;
	if (!isObject(verb) || typeof verb.id !== 'string' || !IRI.test(verb.id)) problems.push('verb.id is not an IRI');
	else if (verb.display !== undefined) languageMap(verb.display, 'verb.display', problems);
	const result = statement.result;
	activity(statement.object, 'object', problems, freeText, isObject(result) ? result.response : undefined);
	if (result !== undefined) {
		if (!isObject(result)) problems.push('result is not an object');
		else {
			const score = result.score;
			if (score !== undefined) {
				if (!isObject(score)) problems.push('result.score is not an object');
				else {
					const { scaled, raw, min, max } = score as Record<string, number | undefined>;
					if (scaled !== undefined && (typeof scaled !== 'number' || scaled < -1 || scaled > 1)) problems.push('result.score.scaled is outside -1..1');
					if (min !== undefined && max !== undefined && !(min < max)) problems.push('result.score.min is not below max');
					if (raw !== undefined && ((min !== undefined && raw < min) || (max !== undefined && raw > max)))
						problems.push('result.score.raw is outside min..max');
				}
			}
			for (const key of ['success', 'completion'] as const)
				if (result[key] !== undefined && typeof result[key] !== 'boolean') problems.push(`result.${key} is not a boolean`);
			if (result.response !== undefined && typeof result.response !== 'string') problems.push('result.response is not a string');
			if (result.duration !== undefined && (typeof result.duration !== 'string' || !ISO_DURATION.test(result.duration)))
				problems.push('result.duration is not an ISO 8601 duration');
			if (isObject(result.extensions))
				for (const key of Object.keys(result.extensions)) if (!IRI.test(key)) problems.push(`result extension ${key} is not an IRI`);
		}
	}
	const context = statement.context;
	if (context !== undefined) {
		if (!isObject(context)) problems.push('context is not an object');
		else {
			if (context.registration !== undefined && (typeof context.registration !== 'string' || !UUID.test(context.registration)))
				problems.push('context.registration is not a UUID');
			const activities = context.contextActivities;
			if (activities !== undefined) {
				if (!isObject(activities)) problems.push('contextActivities is not an object');
				else
					for (const [kind, list] of Object.entries(activities)) {
						if (!['parent', 'grouping', 'category', 'other'].includes(kind)) problems.push(`contextActivities.${kind} is not a context type`);
						if (!Array.isArray(list)) problems.push(`contextActivities.${kind} is not an array`);
						else list.forEach((a, i) => activity(a, `contextActivities.${kind}[${i}]`, problems, freeText));
					}
			}
			if (isObject(context.extensions))
				for (const key of Object.keys(context.extensions)) if (!IRI.test(key)) problems.push(`context extension ${key} is not an IRI`);
		}
	}
	if (statement.timestamp !== undefined && (typeof statement.timestamp !== 'string' || !ISO_TIMESTAMP.test(statement.timestamp)))
		problems.push('timestamp is not ISO 8601 with a zone');
	// Pseudonymous records: no e-mail address anywhere, whatever the property.
	if (/[\w.+-]+@[\w-]+\.[\w.-]+/.test(JSON.stringify(statement))) problems.push('an e-mail address is in the statement');
	return problems;
}

export type Lrs = {
	/** The xAPI base the app is configured with, ending in a slash. */
	endpoint: string;
	mode: Mode;
	/** Statements stored, by id, in arrival order. */
	stored: Map<string, Json>;
	/** PUT requests received per statement id, whatever the answer. */
	received: Map<string, number>;
	/** Statements refused as invalid, with the reasons. */
	refused: { id: string; problems: string[] }[];
	/** For cmi5: a fetch URL that gives `token` once, and the LaunchData the state resource answers with. */
	fetchUrl: (code: string) => string;
	launchData: Json;
	tokensIssued: string[];
	/** Registrations the LMS launched with; cmi5 statements must carry one of them. */
	registrations: Set<string>;
	close: () => Promise<void>;
};

async function bodyOf(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

const sameStatement = (a: Json, b: Json) => JSON.stringify(a) === JSON.stringify(b);

/** Starts the double; `credentials` is the Basic pair the installation uses (a cmi5 token is accepted too). */
export async function startLrs(options: { key: string; secret: string; freeText?: boolean; port?: number }): Promise<Lrs> {
	const basic = `Basic ${Buffer.from(`${options.key}:${options.secret}`).toString('base64')}`;
	const tokens = new Set<string>();
	const usedCodes = new Set<string>();
	const lrs = {
		mode: 'up' as Mode,
		stored: new Map<string, Json>(),
		received: new Map<string, number>(),
		refused: [] as { id: string; problems: string[] }[],
		launchData: {} as Json,
		tokensIssued: [] as string[],
		registrations: new Set<string>()
	};

	const answer = (response: ServerResponse, status: number, body?: Json) => {
		response.writeHead(status, { 'X-Experience-API-Version': '2.0.0', ...(body ? { 'Content-Type': 'application/json' } : {}) });
		response.end(body ? JSON.stringify(body) : undefined);
	};

	const server: Server = createServer((request, response) => {
		void (async () => {
			const url = new URL(request.url ?? '/', 'http://127.0.0.1');
			if (request.method === 'POST' && url.pathname.startsWith('/fetch/')) {
				// cmi5 §8.2: the fetch URL answers once; a second request gets an error in the body.
				const code = url.pathname.slice('/fetch/'.length);
				if (usedCodes.has(code)) return answer(response, 200, { 'error-code': '1', 'error-text': 'already used' });
				usedCodes.add(code);
				const token = Buffer.from(`cmi5:${code}`).toString('base64');
				tokens.add(token);
				lrs.tokensIssued.push(token);
				return answer(response, 200, { 'auth-token': token });
			}
			if (request.method === 'GET' && url.pathname === '/return') {
				// The LMS's page a learner returns to (LaunchData's returnURL).
				response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
				return response.end('<!doctype html><html lang="en"><title>LMS</title><h1>Back in the LMS</h1></html>');
			}
			if (!url.pathname.startsWith('/xapi/')) return answer(response, 404);
			if (lrs.mode === 'down') return answer(response, 503);
			if (lrs.mode === 'drop') return request.socket.destroy();
			const auth = request.headers.authorization ?? '';
			const cmi5 = tokens.has(auth.replace(/^Basic /, ''));
			if (auth !== basic && !cmi5) return answer(response, 401);
			// The installation speaks xAPI 2.0; a cmi5 launch's LRS is addressed in 1.0.3, the version cmi5 (Quartz) profiles.
			const version = request.headers['x-experience-api-version'];
			if (typeof version !== 'string' || !version.startsWith(cmi5 ? '1.0.' : '2.0.'))
				return answer(response, 400, { message: 'wrong X-Experience-API-Version' });
			if (request.method === 'GET' && url.pathname === '/xapi/activities/state') {
				if (url.searchParams.get('stateId') !== 'LMS.LaunchData' || !url.searchParams.get('registration')) return answer(response, 404);
				return answer(response, 200, lrs.launchData);
			}
			if (url.pathname !== '/xapi/statements' || request.method !== 'PUT') return answer(response, 405);
			const id = url.searchParams.get('statementId') ?? '';
			lrs.received.set(id, (lrs.received.get(id) ?? 0) + 1);
			if (lrs.mode === 'precondition') return answer(response, 412);
			if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return answer(response, 400, { message: 'application/json expected' });
			let statement: unknown;
			try {
				statement = JSON.parse(await bodyOf(request));
			} catch {
				return answer(response, 400, { message: 'not JSON' });
			}
			const problems = validateStatement(statement, id, options.freeText ?? false);
			if (cmi5 && isObject(statement)) problems.push(...validateCmi5(statement, lrs.registrations));
			if (problems.length > 0) {
				lrs.refused.push({ id, problems });
				return answer(response, 400, { message: problems.join('; ') });
			}
			const existing = lrs.stored.get(id);
			if (existing && !sameStatement(existing, statement as Json)) return answer(response, 409);
			if (!existing) lrs.stored.set(id, statement as Json);
			if (lrs.mode === 'lose-answer') return request.socket.destroy();
			return answer(response, 204);
		})();
	});
	await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return Object.assign(lrs, {
		endpoint: `http://127.0.0.1:${port}/xapi/`,
		fetchUrl: (code: string) => `http://127.0.0.1:${port}/fetch/${code}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	});
}
