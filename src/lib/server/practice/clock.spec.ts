import { describe, expect, it } from 'vitest';
import { clockHookEnabled, practiceNow } from './clock';

describe('practice clock', () => {
	const real = new Date('2026-12-04T10:00:00Z');

	it('ignores the cookie on a normal start, production or not', () => {
		expect(clockHookEnabled({})).toBe(false);
		expect(clockHookEnabled({ NODE_ENV: 'production' })).toBe(false);
		expect(practiceNow('30', { NODE_ENV: 'production' }, real)).toEqual(real);
		expect(practiceNow('30', {}, real)).toEqual(real);
	});

	it('shifts by whole days only on a server started with the test hook', () => {
		const env = { PRACTICE_CLOCK_HOOK: '1', NODE_ENV: 'production' };
		expect(practiceNow('30', env, real)).toEqual(new Date('2027-01-03T10:00:00Z'));
		expect(practiceNow(undefined, env, real)).toEqual(real);
		expect(practiceNow('-3', env, real)).toEqual(real);
		expect(practiceNow('1e9', env, real)).toEqual(real);
	});
});
