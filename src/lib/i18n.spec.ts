import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { t } from './i18n';

describe('t', () => {
	it('turns every error key into its message, with inputs', () => {
		expect(t('error_bad_request')).toBe(m.error_bad_request());
		expect(t('error_bad_request')).not.toBe('error_bad_request');
		expect(t(undefined)).toBe('');
	});

	it('leaves a key it does not carry as it is, so a missing message shows rather than breaks', () => {
		expect(t('no_such_key')).toBe('no_such_key');
		// Only error messages travel from the server; the rest are called by name, so they stay out of t's bundle.
		expect(t('nav_dashboard')).toBe('nav_dashboard');
	});
});
