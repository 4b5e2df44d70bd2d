/** How the fault run prints a scenario: its figures, then PASS or FAIL; the closing count reads `results`. */
import type { Tally } from './writers';
import type { Check } from './verify';

export type Report = (name: string, ok: boolean, figures: string[]) => void;

export const results: { name: string; ok: boolean }[] = [];

export const report: Report = (name, ok, figures) => {
	for (const f of figures) console.log(`    ${f}`);
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}`);
	results.push({ name, ok });
};

export const tallyLine = (t: Tally) =>
	`writes acknowledged ${t.acknowledged}, unknown (no answer) ${t.unknown}, failed (error status or refused) ${t.failed}; retried with the same key to an answer ${t.retriedToAnAnswer}, unresolved ${t.unresolved}, conflicts ${t.conflicts}, rejected ${t.rejected}`;

export const checkLine = (c: Check) =>
	`database: ${c.acknowledged} acknowledged writes so far, found once ${c.foundOnce}, found twice ${c.foundTwice}, missing ${c.missing}${c.pendingUnknown ? `, still unanswered ${c.pendingUnknown}` : ''}; by kind (acknowledged${c.missing || c.foundTwice ? '/missing/twice' : ''}): ${Object.entries(
		c.byKind
	)
		.map(([kind, k]) => `${kind} ${k.acknowledged}${c.missing || c.foundTwice ? `/${k.missing}/${k.twice}` : ''}`)
		.join(', ')}`;

/** Every acknowledged write is in the database exactly once. */
export const clean = (c: Check) => c.missing === 0 && c.foundTwice === 0 && c.foundOnce === c.acknowledged;
