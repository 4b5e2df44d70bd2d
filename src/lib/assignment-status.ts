import { m } from '$lib/paraglide/messages';

/**
 * An assignment's status as the pages name it: the server's statuses (supervision/assignments.ts) plus
 * `ready`, which the trainee's pages show when every part is done but nothing is submitted yet.
 */
export type ShownStatus = 'not-started' | 'in-progress' | 'ready' | 'submitted' | 'late' | 'reviewed';

const labels: Record<ShownStatus, () => string> = {
	'not-started': m.astatus_not_started,
	'in-progress': m.astatus_in_progress,
	ready: m.astatus_ready,
	submitted: m.astatus_submitted,
	late: m.astatus_late,
	reviewed: m.astatus_reviewed
};

/** The symbol a compact table shows beside (never instead of) the word. */
const symbols: Record<ShownStatus, string> = { 'not-started': '○', 'in-progress': '◐', ready: '◑', submitted: '●', late: '!', reviewed: '✓' };

function known(status: string | null): status is ShownStatus {
	return status !== null && Object.hasOwn(labels, status);
}

/** The status in words, in the learner's language; a dash when there is none. */
export function statusLabel(status: string | null): string {
	return known(status) ? labels[status]() : '—';
}

export function statusSymbol(status: string | null): string {
	return known(status) ? symbols[status] : '—';
}
