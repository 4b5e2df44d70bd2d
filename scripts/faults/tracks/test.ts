/**
 * The final test and the certificate (issue 17), round and round: start an attempt, save half of the answers,
 * submit them all (right, so it passes), evaluate it, ask for the certificate; then a retake. The answers
 * are posted for every item of the pool, as the items an attempt drew are the server's to know; it takes
 * the attempt's own. Asking again for the certificate must give the same one.
 */
import type { Test } from '../../../src/lib/server/content/test-pool';
import { unflatten } from '../http';
import { numberIn, type Track, type Write } from './track';

type Step = 'start' | 'save' | 'submit' | 'evaluate' | 'certificate';

export class TestTrack implements Track {
	/** Attempt numbers as the redirects after start named them. */
	starts: number[] = [];
	/** Per acknowledged save, the attempt and the items posted (item id -> option id). */
	saves: { attempt: number; answers: Map<string, string> }[] = [];
	submits: number[] = [];
	evaluations: number[] = [];
	certificates: string[] = [];
	private step: Step = 'start';
	private attempt = 0;
	private readonly right: Map<string, string>;

	constructor(
		private readonly n: number,
		test: Test
	) {
		this.right = new Map([...test.items.values()].map((item) => [item.id, item.options.find((o) => o.correct)?.id ?? '']));
	}

	private answerForm(items: [string, string][]): URLSearchParams {
		return new URLSearchParams(items.map(([id, option]) => [`answer-${id}`, option]));
	}

	/** Whatever the answer, the round goes on: a refusal is counted, never retried forever. */
	next(): Write {
		return this[this.step]();
	}

	private start(): Write {
		return {
			kind: 'test-start',
			counted: true,
			path: '/toets?/start',
			form: new URLSearchParams(),
			settle: (result) => {
				const attempt = result.type === 'redirect' ? numberIn(result.location, /^\/toets\/(\d+)$/) : null;
				if (attempt === null) return 'rejected';
				this.attempt = attempt;
				if (!this.starts.includes(attempt)) this.starts.push(attempt);
				this.step = 'save';
				return 'acked';
			}
		};
	}

	private save(): Write {
		const all = [...this.right];
		const answers = new Map(all.slice(0, Math.ceil(all.length / 2)));
		const attempt = this.attempt;
		return {
			kind: 'test-save',
			counted: true,
			path: `/toets/${attempt}?/save`,
			form: this.answerForm([...answers]),
			settle: (result) => {
				this.step = 'submit';
				if (result.type !== 'success') return 'rejected';
				this.saves.push({ attempt, answers });
				return 'acked';
			}
		};
	}

	private submit(): Write {
		const attempt = this.attempt;
		return {
			kind: 'test-submit',
			counted: true,
			path: `/toets/${attempt}?/submit`,
			form: this.answerForm([...this.right]),
			settle: (result) => {
				if (result.type !== 'redirect') {
					this.step = 'start';
					return 'rejected';
				}
				this.submits.push(attempt);
				this.step = 'evaluate';
				return 'acked';
			}
		};
	}

	private evaluate(): Write {
		const attempt = this.attempt;
		return {
			kind: 'evaluation',
			counted: true,
			path: '/toets/evaluatie',
			form: new URLSearchParams({
				relevance: '4',
				objectivesMet: '4',
				contentQuality: '5',
				studyLoad: '3',
				hoursSpent: '2,5',
				comments: `Schrijver ${this.n}, poging ${attempt}`
			}),
			settle: (result) => {
				this.step = 'certificate';
				if (result.type !== 'redirect') return 'rejected';
				this.evaluations.push(attempt);
				return 'acked';
			}
		};
	}

	private certificate(): Write {
		return {
			kind: 'certificate',
			counted: true,
			path: '/certificaat',
			form: new URLSearchParams({ printedName: `Schrijver ${this.n} de Fout`, register: '', registerNumber: '' }),
			settle: (result) => {
				this.step = 'start';
				const data = result.type === 'success' && result.data ? (unflatten(result.data) as { issued?: string }) : {};
				if (!data.issued) return 'rejected';
				this.certificates.push(data.issued);
				return 'acked';
			}
		};
	}
}
