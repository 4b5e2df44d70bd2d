/**
 * The autosave of a text a learner writes (a reflection; next, a practice response): a pause in typing
 * saves, a change of a choice saves at once, a save that got no answer can be sent again safely, and
 * a stale version comes back as a conflict with the stored text. Without JavaScript the same form
 * posts; the server's answer (`posted`) then sets where this starts.
 */
import { deserialize } from '$app/forms';
import type { ActionResult } from '@sveltejs/kit';
import type { ErrorKey } from '$lib/i18n';
import { newWriteKey } from '$lib/write-key';

/** The fields a learner edits, as the form posts them: text, or a checkbox (posted as '1' when ticked). */
export type Fields = Record<string, string | boolean>;
/** A newer stored version than the one edited: its version and whatever of it the form shows. */
export type Conflict = { version: number };
/** What the action answered a post with, about this form (its slice of the ActionData). */
export type Posted<F extends Fields, C extends Conflict> = Partial<F> & {
	saved?: boolean;
	version?: number;
	savedAt?: string;
	message?: ErrorKey;
	conflict?: C;
};
export type Status = 'idle' | 'saving' | 'saved' | 'error';

export type AutosaveInputs<F extends Fields, C extends Conflict> = {
	/** What is stored: the fields, their version, and when they were saved. */
	stored: { fields: F; version: number; savedAt: string | null };
	/** The server's answer to a post without JavaScript, when it was about this form. */
	posted?: Posted<F, C> | null;
	/**
	 * When the page was rendered (epoch ms), posted back as `openedAt`: without JavaScript, the time to the
	 * first post counts as study time. Null outside an item page.
	 */
	openedAt?: number | null;
	/** A check before saving (a length limit, say): the message key that stops the save, or null. */
	check?: (fields: F) => ErrorKey | null;
	/** The pause in typing after which a save goes out. */
	delay?: number;
	/** The form as it would post (`new FormData(form)`), hidden fields included. */
	read: () => FormData;
	/** Sends a save (postAction: to the form's action, as `use:enhance` would). */
	send: (data: FormData) => Promise<ActionResult>;
	/** The name of this form's slice in the action's answer (`reflection` in `{ reflection: { saved: true, … } }`). */
	slice: string;
};

/** Posts to a form action and reads its answer as `use:enhance` does (the study clock skips such posts). */
export async function postAction(action: string, data: FormData): Promise<ActionResult> {
	const response = await fetch(action, { method: 'POST', body: data, headers: { 'x-sveltekit-action': 'true', accept: 'application/json' } });
	return deserialize(await response.text());
}

export class Autosave<F extends Fields, C extends Conflict = Conflict> {
	/** The fields as the learner has them now; bind the controls to these. */
	fields = $state({} as F);
	version = $state(0);
	status = $state<Status>('idle');
	/** The message key of the last failure, or ''. */
	message = $state<ErrorKey | ''>('');
	conflict = $state<C | null>(null);
	savedAt = $state<string | null>(null);
	/**
	 * Sent with every save. The same fields on the same version keep their key, so re-sending a save that got
	 * no answer returns that save's outcome; anything else (an edit, a newer version) gets a new key, so it
	 * is never mistaken for the earlier save.
	 */
	writeKey = $state(newWriteKey());
	readonly openedAt: number | null;

	#saved = $state({} as F);
	#keyFor = '';
	#timer: ReturnType<typeof setTimeout> | undefined;
	readonly #inputs: AutosaveInputs<F, C>;

	constructor(inputs: AutosaveInputs<F, C>) {
		const { stored, posted } = inputs;
		this.#inputs = inputs;
		this.openedAt = inputs.openedAt ?? null;
		const postedFields = pick(stored.fields, posted ?? {});
		this.fields = { ...stored.fields, ...postedFields };
		this.#saved = posted?.saved ? { ...stored.fields, ...postedFields } : { ...stored.fields };
		this.version = posted?.conflict?.version ?? posted?.version ?? stored.version;
		this.status = posted?.saved ? 'saved' : posted?.message ? 'error' : 'idle';
		this.message = posted?.message ?? '';
		this.conflict = posted?.conflict ?? null;
		this.savedAt = posted?.savedAt ?? stored.savedAt;
	}

	/** Whether what the learner has differs from what is stored (or a conflict waits for an answer). */
	get dirty(): boolean {
		return Object.keys(this.fields).some((name) => this.fields[name] !== this.#saved[name]) || this.conflict !== null;
	}

	/** Never rejects: every failure ends in `status = 'error'` with a message, so callers may fire and forget it. */
	async save(): Promise<void> {
		clearTimeout(this.#timer);
		const problem = this.#inputs.check?.(this.fields) ?? null;
		if (problem) {
			this.status = 'error';
			this.message = problem;
			return;
		}
		if (!this.dirty) return;
		this.status = 'saving';
		const data = this.#inputs.read();
		const names = Object.keys(this.fields);
		const payload = JSON.stringify([...names.map((name) => data.get(name)), data.get('version')]);
		if (payload !== this.#keyFor) this.writeKey = newWriteKey();
		this.#keyFor = payload;
		data.set('writeKey', this.writeKey);
		try {
			const result = await this.#inputs.send(data);
			if (result.type === 'success') {
				const answer = answerOf<F, C>(result.data, this.#inputs.slice);
				this.version = answer?.version ?? this.version;
				this.savedAt = answer?.savedAt ?? null;
				this.#saved = Object.fromEntries(names.map((name) => [name, answer?.[name] ?? sent(data, name, this.fields[name] ?? '')])) as F;
				this.conflict = null;
				this.status = 'saved';
				this.message = '';
			} else if (result.type === 'failure') {
				const answer = answerOf<F, C>(result.data, this.#inputs.slice);
				this.conflict = answer?.conflict ?? null;
				if (this.conflict) this.version = this.conflict.version;
				this.message = answer?.message ?? 'error_save_failed';
				this.status = 'error';
			} else {
				this.status = 'error';
				this.message = 'error_save_failed';
			}
		} catch {
			this.status = 'error';
			this.message = 'error_save_offline';
		}
	}

	/** Typing: the save waits for a pause. */
	input(): void {
		clearTimeout(this.#timer);
		this.status = 'idle';
		// Fire and forget: save() catches its own errors and reports them through `status` and `message`.
		this.#timer = setTimeout(() => void this.save(), this.#inputs.delay ?? 1500);
	}

	/** A new choice (who may read it) is saved at once, not after a pause. */
	change(): void {
		void this.save();
	}

	/** The form's own submit (the Save button) saves without leaving the page. */
	submit(event: SubmitEvent): void {
		event.preventDefault();
		void this.save();
	}
}

/** The fields of `fields` that `posted` carries. */
function pick<F extends Fields>(fields: F, posted: Partial<F>): Partial<F> {
	return Object.fromEntries(Object.keys(fields).flatMap((name) => (posted[name] === undefined ? [] : [[name, posted[name]]]))) as Partial<F>;
}

/** This form's slice of an action's answer. */
function answerOf<F extends Fields, C extends Conflict>(data: Record<string, unknown> | undefined, slice: string): Posted<F, C> | undefined {
	const answer = data?.[slice];
	return typeof answer === 'object' && answer !== null ? (answer as Posted<F, C>) : undefined;
}

/** A field's value as it was sent: a checkbox posts '1' when ticked. */
function sent(data: FormData, name: string, current: string | boolean): string | boolean {
	return typeof current === 'boolean' ? data.get(name) === '1' : String(data.get(name) ?? '');
}
