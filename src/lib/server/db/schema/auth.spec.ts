import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../content/locales';
import { users } from './auth';

describe('the users table', () => {
	it("takes exactly the interface's languages: a new one in Paraglide needs its place in the locale CHECK too", () => {
		expect([...users.locale.enumValues].sort()).toEqual([...LOCALES].sort());
	});
});
