/**
 * Refuses passwords that are easy to guess: zxcvbn-ts with its common dictionary (leaked passwords,
 * keyboard patterns), English and Dutch words and names, and the person's own e-mail address and name.
 * Everything runs locally; no password leaves the server.
 */
import { zxcvbn, zxcvbnOptions } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import * as nl from '@zxcvbn-ts/language-nl-be';

/** zxcvbn's scale is 0-4; 3 means "safely unguessable" against throttled online and most offline attacks. */
export const MIN_SCORE = 3;

let configured = false;
function configure(): void {
	if (configured) return;
	zxcvbnOptions.setOptions({ graphs: common.adjacencyGraphs, dictionary: { ...common.dictionary, ...en.dictionary, ...nl.dictionary } });
	configured = true;
}

/** The e-mail address, its parts and the name, as words zxcvbn should treat as known to an attacker. */
export function personalWords(email: string, name: string): string[] {
	const local = email.split('@')[0] ?? '';
	return [email, local, ...local.split(/[._+-]/), name, ...name.split(/\s+/)].map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3);
}

export type PasswordWeakness = 'personal' | 'weak' | null;

/** Why the password is too weak ('personal': it leans on the e-mail address or name), or null when it is fine. */
export function passwordWeakness(password: string, userInputs: string[] = []): PasswordWeakness {
	configure();
	const result = zxcvbn(password, userInputs);
	if (result.score >= MIN_SCORE) return null;
	const personal = result.sequence.some((match) => 'dictionaryName' in match && match.dictionaryName === 'userInputs');
	return personal ? 'personal' : 'weak';
}
