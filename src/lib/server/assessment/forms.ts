/** The final test's forms as posted: answers per item (`answer-<item id>`), and the attempt started or continued. */
import { fail } from '../forms';

/** The answers in a posted test form: `answer-<item id>` -> option id, for the items of this attempt only. */
export function answersFrom(form: FormData, itemIds: string[]): Record<string, string> {
	const answers: Record<string, string> = {};
	for (const itemId of itemIds) {
		const value = form.get(`answer-${itemId}`);
		if (typeof value === 'string' && value !== '') answers[itemId] = value;
	}
	return answers;
}

export const refusals = {
	'not-found': () => fail(404, { message: 'error_toets_attempt_unknown' }),
	submitted: () => fail(409, { message: 'error_toets_submitted' }),
	'unknown-option': () => fail(400, { message: 'error_toets_unknown_option' })
} as const;
