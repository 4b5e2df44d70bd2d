import { describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';

const page = vi.hoisted(() => ({ status: 500, error: null as App.Error | null, data: {} as Record<string, unknown> }));
vi.mock('$app/state', () => ({ page }));
const { default: ErrorPage } = await import('./+error.svelte');

/** The error page as the server renders it for this status, error and visitor. */
function shown(status: number, user: unknown = null) {
	Object.assign(page, { status, error: { message: 'x', id: 'req-123' }, data: { user } });
	return render(ErrorPage).body;
}

describe('the error page', () => {
	it('keeps the request id for a server error, so the report can be found in the log', () => {
		const html = shown(500);
		expect(html).toContain('Er ging iets mis');
		expect(html).toContain('Ref: req-123');
	});

	it('shows no reference id and its own heading when a page is missing, with a way on for who is looking', () => {
		const visitor = shown(404);
		expect(visitor).toContain('Pagina niet gevonden');
		expect(visitor).not.toContain('req-123');
		expect(visitor).not.toContain('href="/dashboard"');
		expect(visitor).toContain('href="/login"');
		expect(shown(404, { displayName: 'Ada', role: 'trainee' })).toContain('href="/dashboard"');
	});
});
