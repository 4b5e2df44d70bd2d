import { describe, expect, it } from 'vitest';
import { configFromEnv } from './config';

describe('the LRS configuration', () => {
	it('is off without an endpoint, and on with endpoint, key, secret and origin', () => {
		expect(configFromEnv({})).toBeNull();
		expect(configFromEnv({ XAPI_ENDPOINT: 'https://lrs.example.nl/xapi', XAPI_KEY: 'k', XAPI_SECRET: 's', ORIGIN: 'https://ontroerd.example.nl/' })).toEqual({
			endpoint: 'https://lrs.example.nl/xapi/',
			key: 'k',
			secret: 's',
			freeText: false,
			origin: 'https://ontroerd.example.nl'
		});
		expect(
			configFromEnv({ XAPI_ENDPOINT: 'https://lrs.example.nl/xapi/', XAPI_KEY: 'k', XAPI_SECRET: 's', ORIGIN: 'https://o.example.nl', XAPI_FREE_TEXT: '1' })
				?.freeText
		).toBe(true);
	});

	it('stops the app when half set, rather than queue what cannot be sent', () => {
		expect(() => configFromEnv({ XAPI_ENDPOINT: 'https://lrs.example.nl/xapi/', ORIGIN: 'https://o.example.nl' })).toThrow(/XAPI_KEY/);
		expect(() => configFromEnv({ XAPI_ENDPOINT: 'https://lrs.example.nl/xapi/', XAPI_KEY: 'k', XAPI_SECRET: 's' })).toThrow(/ORIGIN/);
	});
});
