import { describe, expect, it } from 'vitest';
import { adminOnly, navFor, safeRedirect, supervisorOnly, userOrLogin } from './policy';
import type { SessionUser } from './auth/session';
import { admin, supervisor, thrown, trainee } from './policy.fixtures';

describe('redirects after login', () => {
	it('follows same-site paths only', () => {
		expect(safeRedirect('/modules/a/b?x=1')).toBe('/modules/a/b?x=1');
		expect(safeRedirect('//evil.example')).toBe('/dashboard');
		expect(safeRedirect('/\\evil.example')).toBe('/dashboard');
		expect(safeRedirect('https://evil.example')).toBe('/dashboard');
		expect(safeRedirect(undefined)).toBe('/dashboard');
	});
});

describe('signed in or to the login page', () => {
	it('sends a visitor to log in and come back to the same address, query included', () => {
		expect(thrown(() => userOrLogin(null, '/modules/a/b?x=1&y=2'))).toMatchObject({
			status: 303,
			location: '/login?redirectTo=%2Fmodules%2Fa%2Fb%3Fx%3D1%26y%3D2'
		});
	});
	it('lets a signed-in user through', () => {
		expect(userOrLogin(trainee, '/dashboard')).toBe(trainee);
	});
});

describe('course owner pages', () => {
	it('are "not found" for trainees and supervisors, open to admins', () => {
		expect(thrown(() => adminOnly(trainee))).toMatchObject({ status: 404 });
		expect(thrown(() => adminOnly(supervisor))).toMatchObject({ status: 404 });
		expect(adminOnly(admin)).toBe(admin);
	});
});

describe('supervisor pages', () => {
	it('are "not found" for a trainee, open to supervisors and admins', () => {
		expect(thrown(() => supervisorOnly(trainee))).toMatchObject({ status: 404 });
		expect(supervisorOnly(supervisor)).toBe(supervisor);
		expect(supervisorOnly(admin)).toBe(admin);
	});
	it('are in the navigation only for those who may open them', () => {
		expect(navFor(null)).toEqual({ supervisor: false, practice: false, admin: false });
		expect(navFor(trainee)).toEqual({ supervisor: false, practice: true, admin: false });
		expect(navFor(supervisor)).toEqual({ supervisor: true, practice: true, admin: false });
		expect(navFor(admin)).toEqual({ supervisor: true, practice: true, admin: true });
		// A role the type and the database's CHECK rule out: the policy still fails closed.
		expect(navFor({ ...trainee, role: 'unknown' as SessionUser['role'] })).toMatchObject({ supervisor: false, admin: false });
	});
});
