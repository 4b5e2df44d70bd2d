import { describe, expect, it } from 'vitest';
import { passwordWeakness, personalWords } from './strength';
import { needsRehash } from './password';

describe('password strength', () => {
	it('refuses common passwords, Dutch and English words and keyboard patterns', () => {
		for (const weak of ['wachtwoord123', 'welkom12345', 'password1234', 'qwertyuiop']) {
			expect(passwordWeakness(weak), weak).toBe('weak');
		}
	});
	it('says so when a password leans on the e-mail address or name', () => {
		const mine = personalWords('marieke.jansen@example.nl', 'Marieke Jansen');
		expect(mine).toEqual(expect.arrayContaining(['marieke', 'jansen', 'marieke jansen']));
		expect(passwordWeakness('marieke1234', mine)).toBe('personal');
		expect(passwordWeakness('Marieke2026!', mine)).toBe('personal');
	});
	it('accepts a phrase of several ordinary words', () => {
		expect(passwordWeakness('een rustige lange zin')).toBeNull();
		expect(passwordWeakness('de kat slaapt op de verwarming', personalWords('kat@example.nl', 'Kat'))).toBeNull();
	});
});

describe('argon2 parameters', () => {
	it('asks for a new hash when the stored one is weaker than the current parameters', () => {
		const salt = 'c29tZXNhbHQ$aGFzaA';
		expect(needsRehash(`$argon2id$v=19$m=19456,t=2,p=1$${salt}`)).toBe(false);
		expect(needsRehash(`$argon2id$v=19$m=65536,t=3,p=4$${salt}`)).toBe(false);
		expect(needsRehash(`$argon2id$v=19$m=8192,t=2,p=1$${salt}`)).toBe(true);
		expect(needsRehash(`$argon2id$v=19$m=19456,t=1,p=1$${salt}`)).toBe(true);
		expect(needsRehash(`$argon2i$v=19$m=19456,t=2,p=1$${salt}`)).toBe(true);
		expect(needsRehash('$2b$10$bcrypt')).toBe(true);
	});
});
