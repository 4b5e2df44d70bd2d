import { describe, expect, it } from 'vitest';
import { initialsAndSurname, parsePoints, parseRegisterNumber } from './holder';

describe('the holder on a certificate', () => {
	it('is shortened to initials and surname for verification, Dutch particles kept with the surname', () => {
		expect(initialsAndSurname('Anna Maria de Vries')).toBe('A.M. de Vries');
		expect(initialsAndSurname('Jan-Willem van den Berg')).toBe('J.W. van den Berg');
		expect(initialsAndSurname('  Özlem   Yılmaz ')).toBe('Ö. Yılmaz');
		expect(initialsAndSurname('J. de Vries')).toBe('J. de Vries');
		expect(initialsAndSurname('Els')).toBe('Els');
		expect(initialsAndSurname('Elise Jansen-van den Berg')).toBe('E. Jansen-van den Berg');
		expect(initialsAndSurname('Anna Maria Jansen')).toBe('A.M. Jansen');
		expect(initialsAndSurname('Pieter in ’t Veld')).toBe('P. in ’t Veld');
	});

	it('takes a BIG number of 11 digits only, with or without its prefix', () => {
		expect(parseRegisterNumber('BIG', '19012345601')).toBe('19012345601');
		expect(parseRegisterNumber('BIG', 'big-190 123 456 01')).toBe('19012345601');
		expect(parseRegisterNumber('BIG', '1901234560')).toBeNull();
		expect(parseRegisterNumber('BIG', 'NIP-19012345601')).toBeNull();
		expect(parseRegisterNumber('NIP', 'NIP-00123456')).toBe('00123456');
		expect(parseRegisterNumber('NIP', 'NIP-12a')).toBeNull();
		expect(parseRegisterNumber('VGCt', 'vgct-12345')).toBe('12345');
		expect(parseRegisterNumber('other', '<script>')).toBeNull();
	});

	it('reads the installation’s points and refuses what it cannot read', () => {
		expect(parsePoints(undefined)).toEqual([]);
		expect(parsePoints('NIP=4, VGCt = 4,NVP=2.5')).toEqual([
			{ register: 'NIP', points: 4 },
			{ register: 'VGCt', points: 4 },
			{ register: 'NVP', points: 2.5 }
		]);
		expect(() => parsePoints('NIP=4,VGCt')).toThrow(/VGCt/);
		expect(() => parsePoints('NIP=vier')).toThrow();
	});
});
