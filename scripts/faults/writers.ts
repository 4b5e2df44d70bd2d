/**
 * A writer is one learner in one tab: it autosaves its reflection (each save on top of the version
 * the server last acknowledged) and answers quiz questions (a retake once all are answered), one
 * request at a time, each write with its own key. A write that gets no answer, or an error status,
 * is retried with the same key until the server answers it — the retry the issue says must be safe.
 */
import { request as httpRequest } from 'node:http';
import type { Item, Question, Quiz } from '../../src/lib/server/content/build';
import { newWriteKey } from '../../src/lib/write-key';
import { setTimeout as sleep } from 'node:timers/promises';

export type Write =
	{ kind: 'reflection'; key: string; body: string; baseVersion: number } | { kind: 'answer'; key: string; question: Question } | { kind: 'retake' };

/** What one request got: an HTTP answer, or none (refused: never reached the server; lost: sent, no answer). */
export type Reply = { status: number; text: string } | { none: 'refused' | 'lost'; error: string };

/** The figures of a stretch of writing, by the first try of each write. */
export type Tally = {
	acknowledged: number;
	unknown: number;
	failed: number;
	retriedToAnAnswer: number;
	conflicts: number;
	rejected: number;
	unresolved: number;
};
export const emptyTally = (): Tally => ({ acknowledged: 0, unknown: 0, failed: 0, retriedToAnAnswer: 0, conflicts: 0, rejected: 0, unresolved: 0 });

export type Acked = { key: string; version?: number; body?: string };

/** SvelteKit's action answers are devalue's flat form; plain objects, arrays and primitives are all we need. */
export function unflatten(json: string): unknown {
	const data = JSON.parse(json) as unknown[];
	const at = (i: number): unknown => {
		if (i < 0) return undefined;
		const v = data[i];
		if (Array.isArray(v)) return v.map((x) => at(x as number));
		if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, at(x as number)]));
		return v;
	};
	return at(0);
}

function answerFor(q: Question): string[] {
	switch (q.kind) {
		case 'single':
		case 'multiple':
			return [q.options[0]?.id ?? ''];
		case 'estimate':
		case 'scale':
			return [String(q.min)];
		case 'attitude':
			return ['4'];
		default:
			return [];
	}
}

export class Writer {
	cookie = '';
	version = 0;
	reflections: Acked[] = [];
	answers: Acked[] = [];
	private position = 0;
	private edits = 0;
	private turn = 0;
	/** A write sent but not answered yet: it is retried, with the same key, before anything new. */
	pending: Write | null = null;

	constructor(
		readonly n: number,
		readonly learnerId: string,
		readonly email: string,
		private readonly reflectionItem: Item & { type: 'reflection' },
		private readonly quiz: Quiz
	) {}

	get questions() {
		return this.quiz.questions.filter((q) => q.kind !== 'reflection');
	}

	next(): Write {
		if (this.pending) return this.pending;
		const write: Write =
			this.turn++ % 2 === 0
				? {
						kind: 'reflection',
						key: newWriteKey(),
						body: `Schrijver ${this.n}, versie ${++this.edits}: wat mij raakte was de stilte.`,
						baseVersion: this.version
					}
				: this.position < this.questions.length
					? { kind: 'answer', key: newWriteKey(), question: this.questions[this.position]! }
					: { kind: 'retake' };
		this.pending = write;
		return write;
	}

	request(write: Write): { path: string; form: URLSearchParams } {
		if (write.kind === 'reflection') {
			const it = this.reflectionItem;
			const form = new URLSearchParams({
				key: it.reflectionKey,
				version: String(write.baseVersion),
				visibility: 'private',
				body: write.body,
				writeKey: write.key
			});
			return { path: `/modules/${it.moduleId}/${it.id}?/reflect`, form };
		}
		const path = `/modules/${this.quiz.moduleId}/${this.quiz.id}`;
		if (write.kind === 'retake') return { path: `${path}?/retake`, form: new URLSearchParams() };
		const form = new URLSearchParams({ question: write.question.id, writeKey: write.key });
		for (const a of answerFor(write.question)) form.append('answer', a);
		return { path: `${path}?/answer`, form };
	}

	/** Takes the server's answer to `write`: 'done' (acknowledged, or a conflict/refusal that a retry cannot change) or 'retry'. */
	settle(write: Write, reply: Reply, tally: Tally): 'done' | 'retry' {
		if ('none' in reply || reply.status >= 500) return 'retry';
		let result: { type?: string; status?: number; data?: string } = {};
		try {
			result = JSON.parse(reply.text) as typeof result;
		} catch {
			return 'retry';
		}
		this.pending = null;
		if (write.kind === 'retake') {
			if (result.type !== 'redirect') tally.rejected++;
			else this.position = 0;
			return 'done';
		}
		if (write.kind === 'answer') {
			if (result.type !== 'redirect') {
				tally.rejected++;
				return 'done';
			}
			this.answers.push({ key: write.key });
			this.position++;
			return 'done';
		}
		const data = result.data ? (unflatten(result.data) as { reflection?: { version?: number; conflict?: { version: number } } }) : {};
		if (result.type === 'success' && typeof data.reflection?.version === 'number') {
			this.version = data.reflection.version;
			this.reflections.push({ key: write.key, version: this.version, body: write.body });
			return 'done';
		}
		if (data.reflection?.conflict) {
			// Never expected: this writer is the reflection's only author and knows each acknowledged version.
			tally.conflicts++;
			this.version = data.reflection.conflict.version;
			return 'done';
		}
		tally.rejected++;
		return 'done';
	}
}

/** One action post as the enhanced forms send it, over fetch (keep-alive). */
export async function postFetch(base: string, cookie: string, path: string, form: URLSearchParams, timeoutMs = 10_000): Promise<Reply> {
	try {
		const r = await fetch(`${base}${path}`, {
			method: 'POST',
			headers: { accept: 'application/json', 'x-sveltekit-action': 'true', origin: base, cookie, 'content-type': 'application/x-www-form-urlencoded' },
			body: form.toString(),
			signal: AbortSignal.timeout(timeoutMs)
		});
		return { status: r.status, text: await r.text() };
	} catch (error) {
		const e = error as { cause?: { code?: string }; message: string };
		return { none: e.cause?.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.cause?.code ?? e.message };
	}
}

/** The same post on a connection of its own (no pool), so that "refused" and "dropped in flight" are told apart exactly. */
export function postOwnConnection(base: string, cookie: string, path: string, form: URLSearchParams, onSent?: () => void): Promise<Reply> {
	const url = new URL(path, base);
	const body = form.toString();
	return new Promise((resolve) => {
		const req = httpRequest(
			url,
			{
				method: 'POST',
				agent: false,
				headers: {
					accept: 'application/json',
					'x-sveltekit-action': 'true',
					origin: base,
					cookie,
					'content-type': 'application/x-www-form-urlencoded',
					'content-length': Buffer.byteLength(body),
					connection: 'close'
				}
			},
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
				res.on('error', (e) => resolve({ none: 'lost', error: e.message }));
			}
		);
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ none: e.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.code ?? e.message }));
		req.on('finish', () => onSent?.());
		req.end(body);
	});
}

/** A GET on a connection of its own: after SIGTERM it must be refused. */
export function getOwnConnection(url: string): Promise<Reply> {
	return new Promise((resolve) => {
		const req = httpRequest(url, { agent: false, headers: { connection: 'close' } }, (res) => {
			res.resume();
			res.on('end', () => resolve({ status: res.statusCode ?? 0, text: '' }));
		});
		req.on('error', (e: NodeJS.ErrnoException) => resolve({ none: e.code === 'ECONNREFUSED' ? 'refused' : 'lost', error: e.code ?? e.message }));
		req.end();
	});
}

/** Sends the writer's next write until the server answers it (or `giveUp()`); counts its first try in `tally`. */
export async function writeUntilAnswered(w: Writer, base: () => string, tally: Tally, giveUp: () => boolean, first?: Reply): Promise<void> {
	const write = w.next();
	const counted = write.kind !== 'retake';
	const before = w.reflections.length + w.answers.length;
	for (let tries = 0; ; tries++) {
		const { path, form } = w.request(write);
		const reply = first && tries === 0 ? first : await postFetch(base(), w.cookie, path, form);
		const outcome = w.settle(write, reply, tally);
		const acked = w.reflections.length + w.answers.length > before;
		if (tries === 0 && counted) {
			if ('none' in reply) {
				if (reply.none === 'lost') tally.unknown++;
				else tally.failed++;
			} else if (acked) tally.acknowledged++;
			else if (outcome === 'retry') tally.failed++;
		}
		if (outcome === 'done') {
			if (tries > 0 && counted) tally.retriedToAnAnswer++;
			return;
		}
		if (giveUp()) {
			if (counted) tally.unresolved++;
			return;
		}
		await sleep(200 + Math.random() * 200);
	}
}

/** Each writer writes until `stop()` says so, then finishes the write it is on (retrying up to `graceMs` after the stop). */
export async function runWriters(writers: Writer[], base: () => string, stop: () => boolean, graceMs = 30_000): Promise<Tally> {
	const tally = emptyTally();
	let stoppedAt = 0;
	const giveUp = () => {
		if (!stop()) return false;
		stoppedAt ||= Date.now();
		return Date.now() - stoppedAt > graceMs;
	};
	await Promise.all(
		writers.map(async (w) => {
			while (!stop()) await writeUntilAnswered(w, base, tally, giveUp);
			if (w.pending) await writeUntilAnswered(w, base, tally, giveUp);
		})
	);
	return tally;
}
