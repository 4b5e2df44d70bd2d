import { describe, expect, it } from 'vitest';
import { crossSiteFormRefused } from './cross-site';

const post = (path: string, origin: string | null, type = 'application/x-www-form-urlencoded') =>
	crossSiteFormRefused(
		new Request(`https://ontroerd.test${path}`, { method: 'POST', headers: { 'content-type': type, ...(origin ? { origin } : {}) } }),
		new URL(`https://ontroerd.test${path}`)
	);

describe('cross-site form check', () => {
	it('refuses a form posted from another origin or without one, as SvelteKit did', () => {
		expect(post('/login', 'https://evil.example')).toBe(true);
		expect(post('/login', null)).toBe(true);
		expect(post('/my-data?/delete', 'https://evil.example', 'multipart/form-data; boundary=x')).toBe(true);
		expect(post('/login', 'https://evil.example', 'text/plain;charset=utf-8')).toBe(true);
	});
	it('lets same-origin forms, JSON and GET through', () => {
		expect(post('/login', 'https://ontroerd.test')).toBe(false);
		expect(post('/login', 'https://evil.example', 'application/json')).toBe(false);
		expect(crossSiteFormRefused(new Request('https://ontroerd.test/login'), new URL('https://ontroerd.test/login'))).toBe(false);
	});
	it('lets a platform post to the LTI login initiation and launch only', () => {
		expect(post('/lti/login', 'https://lms.example')).toBe(false);
		expect(post('/lti/launch', 'https://lms.example')).toBe(false);
		expect(post('/lti/deep-link/response', 'https://lms.example')).toBe(true);
		expect(post('/lti/launch/', 'https://lms.example')).toBe(true);
	});
});
