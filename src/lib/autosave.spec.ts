import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ActionResult } from '@sveltejs/kit';
import { Autosave, type AutosaveInputs } from './autosave.svelte';

type Fields = { body: string; named: boolean };
type Conflict = { body: string; version: number };

/** An autosave whose form posts its fields and version, and whose sends are recorded and answered by `answer`. */
function setup(answer: (data: FormData) => Promise<ActionResult>, inputs: Partial<AutosaveInputs<Fields, Conflict>> = {}) {
	const sent: FormData[] = [];
	const autosave: Autosave<Fields, Conflict> = new Autosave<Fields, Conflict>({
		stored: { fields: { body: 'eerst', named: false }, version: 1, savedAt: null },
		check: (fields) => (fields.body.length > 20 ? 'error_reflection_too_long' : null),
		read: () => {
			const data = new FormData();
			data.set('body', autosave.fields.body);
			if (autosave.fields.named) data.set('named', '1');
			data.set('version', String(autosave.version));
			return data;
		},
		send: (data) => {
			sent.push(data);
			return answer(data);
		},
		slice: 'reflection',
		...inputs
	});
	return { autosave, sent };
}

const saved = (version: number): Promise<ActionResult> =>
	Promise.resolve({ type: 'success', status: 200, data: { reflection: { saved: true, version, savedAt: '2026-12-04T10:00:00.000Z', named: false } } });

describe('Autosave', () => {
	beforeEach(() => vi.useFakeTimers());
	afterEach(() => vi.useRealTimers());

	it('saves once after a pause in typing, then holds the new version and the time', async () => {
		const { autosave, sent } = setup(() => saved(2));
		autosave.fields.body = 'eerst en dan';
		autosave.input();
		autosave.fields.body = 'eerst en dan meer';
		autosave.input();
		await vi.advanceTimersByTimeAsync(1499);
		expect(sent).toHaveLength(0);
		await vi.advanceTimersByTimeAsync(1);
		expect(sent).toHaveLength(1);
		expect(sent[0]?.get('body')).toBe('eerst en dan meer');
		expect(sent[0]?.get('writeKey')).toBe(autosave.writeKey);
		expect([autosave.status, autosave.version, autosave.savedAt, autosave.dirty]).toEqual(['saved', 2, '2026-12-04T10:00:00.000Z', false]);
		await autosave.save();
		expect(sent).toHaveLength(1);
	});

	it('stops at its own check, with the message, and sends nothing', async () => {
		const { autosave, sent } = setup(() => saved(2));
		autosave.fields.body = 'x'.repeat(21);
		await autosave.save();
		expect([autosave.status, autosave.message, sent.length]).toEqual(['error', 'error_reflection_too_long', 0]);
	});

	it('re-sends an unanswered save with the same write key, and an edited one with a new key', async () => {
		let online = false;
		const { autosave, sent } = setup(() => (online ? saved(2) : Promise.reject(new TypeError('offline'))));
		autosave.fields.body = 'offline geschreven';
		await autosave.save();
		expect([autosave.status, autosave.message]).toEqual(['error', 'error_save_offline']);
		online = true;
		await autosave.save();
		expect(sent[1]?.get('writeKey')).toBe(sent[0]?.get('writeKey'));
		autosave.fields.body = 'daarna nog iets';
		await autosave.save();
		expect(sent[2]?.get('writeKey')).not.toBe(sent[1]?.get('writeKey'));
	});

	it('takes a conflict from a refused save: its version is the one the next save builds on', async () => {
		const conflict = { body: 'uit een ander tabblad', version: 5 };
		const { autosave } = setup(() =>
			Promise.resolve({ type: 'failure', status: 409, data: { reflection: { message: 'error_reflection_conflict', conflict } } })
		);
		autosave.fields.body = 'van mij';
		await autosave.save();
		expect([autosave.status, autosave.message, autosave.version, autosave.conflict]).toEqual(['error', 'error_reflection_conflict', 5, conflict]);
		expect(autosave.dirty).toBe(true);
	});

	it('starts where a post without JavaScript left off', () => {
		const posted = { body: 'van mij', message: 'error_reflection_conflict', conflict: { body: 'opgeslagen', version: 3 } } as const;
		const { autosave } = setup(() => saved(4), { posted, openedAt: 1_700_000_000_000 });
		expect([autosave.fields.body, autosave.version, autosave.status, autosave.message, autosave.openedAt]).toEqual([
			'van mij',
			3,
			'error',
			'error_reflection_conflict',
			1_700_000_000_000
		]);
		const after = setup(() => saved(4), { posted: { saved: true, version: 2, savedAt: '2026-12-04T09:00:00.000Z' } }).autosave;
		expect([after.status, after.version, after.savedAt, after.dirty, after.openedAt]).toEqual(['saved', 2, '2026-12-04T09:00:00.000Z', false, null]);
	});
});
