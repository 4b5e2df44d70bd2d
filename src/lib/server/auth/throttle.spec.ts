import { describe, expect, it } from 'vitest';
import { backoffSeconds, bucketFrom } from './throttle';
import { generateSessionToken, sessionIdFromToken } from './session';

describe('login back-off', () => {
	it('lets three failures pass, then doubles the wait, capped at five minutes', () => {
		expect([1, 2, 3].map(backoffSeconds)).toEqual([0, 0, 0]);
		expect([4, 5, 6, 7].map(backoffSeconds)).toEqual([2, 4, 8, 16]);
		expect(backoffSeconds(50)).toBe(300);
	});
	it('reads bucket settings and falls back on nonsense', () => {
		const fallback = { capacity: 1, refillPerSecond: 1 };
		expect(bucketFrom('60/30', fallback)).toEqual({ capacity: 60, refillPerSecond: 0.5 });
		expect(bucketFrom('lots', fallback)).toBe(fallback);
		expect(bucketFrom('0/10', fallback)).toBe(fallback);
	});
});

describe('session tokens', () => {
	it('are 160 random bits and stored only as a SHA-256 hash', () => {
		const tokens = new Set(Array.from({ length: 200 }, generateSessionToken));
		expect(tokens.size).toBe(200);
		const token = [...tokens][0] ?? '';
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		expect(sessionIdFromToken(token)).toMatch(/^[0-9a-f]{64}$/);
		expect(sessionIdFromToken(token)).not.toContain(token);
	});
});
