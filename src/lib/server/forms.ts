/** Form input is unknown until a schema has parsed it; errors come back as message keys per field. */
import { error, fail as kitFail } from '@sveltejs/kit';
import { z } from 'zod';
import type { ErrorKey, FieldErrors } from '$lib/i18n';

export type { FieldErrors };
export type Parsed<T> = { ok: true; data: T } | { ok: false; errors: FieldErrors };

/**
 * Each field's value as posted, as a schema reads them: a list for a field named in `lists` (checkboxes,
 * multiple choice; empty when none was ticked), else its first value (absent when it was left out).
 */
export function formValues(form: FormData, lists: readonly string[] = []): Record<string, unknown> {
	const values: Record<string, unknown> = Object.fromEntries([...new Set(form.keys())].map((k) => [k, lists.includes(k) ? form.getAll(k) : form.get(k)]));
	for (const name of lists) values[name] ??= [];
	return values;
}

export function parseForm<T>(schema: z.ZodType<T>, form: FormData, lists: readonly string[] = []): Parsed<T> {
	const result = schema.safeParse(formValues(form, lists));
	if (result.success) return { ok: true, data: result.data };
	const errors: FieldErrors = {};
	for (const issue of result.error.issues) {
		const field = String(issue.path[0] ?? 'form');
		// Schemas give error keys as their messages (stringField, and each check's message).
		errors[field] ??= issue.message as ErrorKey;
	}
	return { ok: false, errors };
}

/** A string field whose every problem says `key`: a missing field, a wrong type or a failed check. */
export const stringField = (key: ErrorKey) => z.string({ error: key });

/** What an action answers a refused post with: the message keys in it are checked against the messages. */
type Refusal = Record<string, unknown> & { message?: ErrorKey; problem?: ErrorKey | null; errors?: FieldErrors };

/**
 * SvelteKit's `fail`, keeping the literal types of what it is given (so `ActionData` carries
 * `message: 'error_login'`, not `string`), and refusing a message key without a message.
 */
export function fail<const T extends Refusal>(status: number, data: T) {
	return kitFail(status, data);
}

/** The posted form, or a 400 when the body is not a readable form (wrong content type, broken multipart). */
export async function readForm(request: Request): Promise<FormData> {
	let posted: Iterable<[string, FormDataEntryValue]>;
	try {
		// A urlencoded post (every form here but the file uploads) read as text: the runtime's own formData()
		// parses it the same way into a FormData of its own, which this copies anyway (issue 19).
		posted = URLENCODED.test(request.headers.get('content-type') ?? '') ? new URLSearchParams(await request.text()) : await request.formData();
	} catch {
		error(400, 'error_bad_request');
	}
	const form = new FormData();
	for (const [key, value] of posted) form.append(key, typeof value === 'string' && !PASSWORD_FIELD.test(key) ? cleanText(value) : value);
	return form;
}

const URLENCODED = /^application\/x-www-form-urlencoded\s*(;|$)/i;

/** C0 controls but tab, line feed and carriage return (browsers post newlines as CR LF); DEL; C1 controls. */
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/** Passwords are only hashed, never stored or shown: they stay as typed, or an existing one could stop matching. */
const PASSWORD_FIELD = /password/i;

/**
 * Every posted text as PostgreSQL can store it: control characters removed, lone surrogates made
 * U+FFFD. Stripped rather than refused: they are invisible, mean nothing in prose, and arrive by
 * pasting from PDFs and word processors, so a refusal would block the save of a long reflection over
 * a character its writer cannot see or find. A NUL made PostgreSQL refuse the whole statement (500).
 * Lone surrogates become U+FFFD as a browser's own form encoding does.
 */
export function cleanText(value: string): string {
	return value.replace(LONE_SURROGATE, '\uFFFD').replace(CONTROL, '');
}
