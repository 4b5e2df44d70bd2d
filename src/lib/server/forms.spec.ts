import { describe, expect, it } from 'vitest';
import { cleanText, parseForm, readForm, registerSchema } from './forms';

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

describe('posted text', () => {
	it('loses NUL and other control characters, keeps tabs and line breaks, and gets U+FFFD for lone surrogates', () => {
		expect(cleanText('a\u0000b\u0001\u001b\u007f\u0085c')).toBe('abc');
		expect(cleanText('regel 1\r\n\tregel 2\n')).toBe('regel 1\r\n\tregel 2\n');
		expect(cleanText('x\uD800y\uDC00z \uD83D\uDE22')).toBe('x\uFFFDy\uFFFDz \uD83D\uDE22');
	});

	it('is cleaned in every field of a posted form but the passwords, which are only hashed', async () => {
		const body = new URLSearchParams({ displayName: 'Le\u0000na', note: 'a\u000bb', password: 'geheim\u0000woord', newPassword: '\u0001x' });
		const form = await readForm(new Request('http://localhost/', { method: 'POST', body }));
		expect(Object.fromEntries(form)).toEqual({ displayName: 'Lena', note: 'ab', password: 'geheim\u0000woord', newPassword: '\u0001x' });
	});
});
