import { describe, expect, it } from 'vitest';
import { parseForm, registerSchema } from './forms';

function form(password: string): FormData {
	const data = new FormData();
	data.set('email', 'lena@example.nl');
	data.set('displayName', 'Lena');
	data.set('password', password);
	return data;
}

describe('the registration form', () => {
	it('takes passwords of 10 to 256 characters of any kind, and refuses guessable ones with a reason', () => {
		expect(parseForm(registerSchema, form('kort maar'))).toEqual({ ok: false, errors: { password: 'error_password_length' } });
		expect(parseForm(registerSchema, form('een rustige lange zin')).ok).toBe(true);
		const long = 'de boot vaart langzaam door het riet '.repeat(7).slice(0, 256);
		expect(parseForm(registerSchema, form(long)).ok).toBe(true);
		expect(parseForm(registerSchema, form(`${long}x`))).toEqual({ ok: false, errors: { password: 'error_password_length' } });
		expect(parseForm(registerSchema, form('wachtwoord123'))).toEqual({ ok: false, errors: { password: 'error_password_weak' } });
		expect(parseForm(registerSchema, form('lena@example.nl'))).toMatchObject({ ok: false, errors: { password: expect.stringMatching(/^error_password_(weak|personal)$/) } });
	});
});
