/** The writes the fault run began with: a reflection autosaved on top of its last version, and quiz answers with a retake. */
import type { Item, Question, Quiz } from '../../../src/lib/server/content/build';
import { newWriteKey } from '../../../src/lib/write-key';
import { unflatten } from '../http';
import type { Track, Write } from './track';

export class ReflectionTrack implements Track {
	version = 0;
	acked: { key: string; version: number; body: string }[] = [];
	private edits = 0;

	constructor(
		private readonly n: number,
		private readonly item: Item & { type: 'reflection' }
	) {}

	next(): Write {
		const key = newWriteKey();
		const body = `Schrijver ${this.n}, versie ${++this.edits}: wat mij raakte was de stilte.`;
		const it = this.item;
		const form = new URLSearchParams({ key: it.reflectionKey, version: String(this.version), visibility: 'private', body, writeKey: key });
		return {
			kind: 'reflection',
			key,
			counted: true,
			path: `/modules/${it.moduleId}/${it.id}?/reflect`,
			form,
			body,
			settle: (result) => {
				const data = result.data ? (unflatten(result.data) as { reflection?: { version?: number; conflict?: { version: number } } }) : {};
				if (result.type === 'success' && typeof data.reflection?.version === 'number') {
					this.version = data.reflection.version;
					this.acked.push({ key, version: this.version, body });
					return 'acked';
				}
				if (data.reflection?.conflict) {
					// Never expected: this writer is the reflection's only author and knows each acknowledged version.
					this.version = data.reflection.conflict.version;
					return 'conflict';
				}
				return 'rejected';
			}
		};
	}
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

export class QuizTrack implements Track {
	acked: { key: string }[] = [];
	private position = 0;

	constructor(private readonly quiz: Quiz) {}

	private get questions() {
		return this.quiz.questions.filter((q) => q.kind !== 'reflection');
	}

	next(): Write {
		const path = `/modules/${this.quiz.moduleId}/${this.quiz.id}`;
		const question = this.questions[this.position];
		if (!question)
			return {
				kind: 'retake',
				counted: false,
				path: `${path}?/retake`,
				form: new URLSearchParams(),
				settle: (result) => {
					if (result.type !== 'redirect') return 'rejected';
					this.position = 0;
					return 'done';
				}
			};
		const key = newWriteKey();
		const form = new URLSearchParams({ question: question.id, writeKey: key });
		for (const a of answerFor(question)) form.append('answer', a);
		return {
			kind: 'answer',
			key,
			counted: true,
			path: `${path}?/answer`,
			form,
			settle: (result) => {
				if (result.type !== 'redirect') return 'rejected';
				this.acked.push({ key });
				this.position++;
				return 'acked';
			}
		};
	}
}
