/**
 * The key store: a key per purpose made on first use and kept, rotation that keeps the old public key
 * published (so what it signed still verifies), and a public key set without private parts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { publicJwks, rotateKey, signingKey } from '../../src/lib/server/keys';

describe.each(drivers)('key store on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	const sign = async (purpose: 'credential' | 'lti') => {
		const key = await signingKey(database.db, purpose);
		return new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: key.alg ?? '', kid: key.kid }).sign(key.privateKey);
	};

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('makes one key per purpose on first use, also when asked twice at once, and keeps it', async () => {
		const [a, b] = await Promise.all([signingKey(database.db, 'credential'), signingKey(database.db, 'credential')]);
		expect(a.kid).toBe(b.kid);
		expect((await signingKey(database.db, 'credential')).kid).toBe(a.kid);
		const lti = await signingKey(database.db, 'lti');
		expect(lti.kid).not.toBe(a.kid);
		expect([a.alg, lti.alg]).toEqual(['ES256', 'RS256']);
	});

	it('publishes only public parts, and a rotated key keeps verifying what it signed', async () => {
		const before = await sign('credential');
		const { kid: oldKid } = await signingKey(database.db, 'credential');
		const { kid, retired } = await rotateKey(database.db, 'credential');
		expect(retired).toBe(oldKid);
		expect((await signingKey(database.db, 'credential')).kid).toBe(kid);
		const after = await sign('credential');

		const jwks = await publicJwks(database.db, 'credential');
		expect(jwks.keys.map((k) => k.kid)).toEqual([oldKid, kid]);
		for (const key of jwks.keys) expect(Object.keys(key).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x', 'y']);
		expect((await publicJwks(database.db, 'lti')).keys.every((k) => !('d' in k) && !('p' in k))).toBe(true);

		const keySet = createLocalJWKSet(jwks);
		await expect(jwtVerify(before, keySet)).resolves.toMatchObject({ protectedHeader: { kid: oldKid } });
		await expect(jwtVerify(after, keySet)).resolves.toMatchObject({ protectedHeader: { kid } });
		// The LTI key set does not verify a credential.
		await expect(jwtVerify(after, createLocalJWKSet(await publicJwks(database.db, 'lti')))).rejects.toThrow();
	});
});
