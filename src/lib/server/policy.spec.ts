import { describe, expect, it } from 'vitest';
import { safeRedirect } from './policy';

describe('redirects after login', () => {
	it('follows same-site paths only', () => {
		expect(safeRedirect('/modules/a/b?x=1')).toBe('/modules/a/b?x=1');
		expect(safeRedirect('//evil.example')).toBe('/dashboard');
		expect(safeRedirect('/\\evil.example')).toBe('/dashboard');
		expect(safeRedirect('https://evil.example')).toBe('/dashboard');
		expect(safeRedirect(undefined)).toBe('/dashboard');
	});
});
