import { describe, expect, it } from 'vitest';
import { newCertificateNumber, parseCertificateNumber } from './number';

describe('certificate numbers', () => {
	it('are printed as XXXX-XXXX-XXX, differ each time and read back as themselves', () => {
		const numbers = Array.from({ length: 200 }, newCertificateNumber);
		expect(new Set(numbers).size).toBe(200);
		for (const n of numbers) {
			expect(n).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{3}$/);
			expect(parseCertificateNumber(n)).toBe(n);
		}
	});

	it('forgive case, spaces, missing dashes and look-alike letters', () => {
		const n = newCertificateNumber();
		expect(parseCertificateNumber(` ${n.toLowerCase().replace(/-/g, ' ')} `)).toBe(n);
		expect(parseCertificateNumber(n.replace(/0/g, 'O').replace(/1/g, 'l'))).toBe(n);
	});

	it('catch every single mistyped symbol, and refuse the wrong length', () => {
		const n = newCertificateNumber();
		const symbols = n.replace(/-/g, '');
		for (let i = 0; i < symbols.length; i++) {
			for (const other of '0123456789ABCDEFGHJKMNPQRSTVWXYZ') {
				if (other === symbols[i]) continue;
				expect(parseCertificateNumber(symbols.slice(0, i) + other + symbols.slice(i + 1))).toBeNull();
			}
		}
		expect(parseCertificateNumber(symbols.slice(1))).toBeNull();
		expect(parseCertificateNumber(`${symbols}0`)).toBeNull();
		expect(parseCertificateNumber('../../etc/passwd')).toBeNull();
	});
});
