import { describe, expect, it, vi } from 'vitest';
import type { SessionUser } from './auth/session';
import { admin, supervisor, thrown, trainee } from './policy.fixtures';

/** The request the guards see: what SvelteKit's getRequestEvent() would return inside a load or action. */
const request = vi.hoisted(() => ({ user: null as SessionUser | null, url: new URL('http://localhost/') }));
vi.mock('$app/server', () => ({ getRequestEvent: () => ({ locals: { user: request.user }, url: request.url }) }));

const { requireAdmin, requireSupervisor, requireUser } = await import('./guards');

function at(address: string, user: SessionUser | null) {
	request.url = new URL(address, 'http://localhost');
	request.user = user;
}

describe('guards read the user and the address from the request', () => {
	it('send a visitor to log in and back to this page, or to the page named', () => {
		at('/groups/abc/meeting?/notes', null);
		expect(thrown(() => requireUser())).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fgroups%2Fabc%2Fmeeting%3F%2Fnotes' });
		at('/my-data/export', null);
		expect(thrown(() => requireUser('/my-data'))).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fmy-data' });
		expect(thrown(() => requireSupervisor())).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fmy-data%2Fexport' });
	});

	it('return the signed-in user; supervisor pages are "not found" for others', () => {
		at('/dashboard', trainee);
		expect(requireUser()).toBe(trainee);
		expect(thrown(() => requireSupervisor())).toMatchObject({ status: 404 });
		at('/supervisor', supervisor);
		expect(requireSupervisor()).toBe(supervisor);
		at('/beheer/toets', supervisor);
		expect(thrown(() => requireAdmin())).toMatchObject({ status: 404 });
		at('/beheer/toets', admin);
		expect(requireAdmin()).toBe(admin);
		at('/beheer/toets', null);
		expect(thrown(() => requireAdmin())).toMatchObject({ status: 303, location: '/login?redirectTo=%2Fbeheer%2Ftoets' });
	});
});
