/**
 * The key store: one asymmetric signing key pair per purpose, generated on first use and kept in the
 * installation's database (so never in the repository, and each installation has its own). The private half
 * leaves this module only as a CryptoKey for signing; it is never logged and never exported.
 * Rotation makes a new active key; the retired ones stay in the published key set, so that everything signed
 * before a rotation still verifies.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTHeaderParameters } from 'jose';
import type { Db } from './db';
import { signingKeys, type KeyPurpose, type StoredJwk } from './db/schema';

export { KEY_PURPOSES, type KeyPurpose } from './db/schema';

/** ES256 for credentials (what Open Badges verifiers expect); RS256 for LTI 1.3, which requires it of platforms. */
export const ALGORITHMS: Record<KeyPurpose, 'ES256' | 'RS256'> = { credential: 'ES256', lti: 'RS256' };

export type SigningKey = { kid: string; alg: JWTHeaderParameters['alg']; privateKey: CryptoKey };

/** The public half of a key, as a JWKS lists it. */
export type PublicJwk = JWK & { kid: string; alg: string; use: 'sig' };

async function newKeyRow(purpose: KeyPurpose) {
	const algorithm = ALGORITHMS[purpose];
	const { publicKey, privateKey } = await generateKeyPair(algorithm, { extractable: true });
	const publicJwk = await exportJWK(publicKey);
	const kid = await calculateJwkThumbprint(publicJwk);
	return { kid, purpose, algorithm, publicJwk: publicJwk as StoredJwk, privateJwk: (await exportJWK(privateKey)) as StoredJwk };
}

async function activeRow(db: Db, purpose: KeyPurpose) {
	const [row] = await db
		.select()
		.from(signingKeys)
		.where(and(eq(signingKeys.purpose, purpose), isNull(signingKeys.retiredAt)));
	return row;
}

/** The purpose's active key, made on first use (two first uses at once keep the one that was stored first). */
export async function signingKey(db: Db, purpose: KeyPurpose): Promise<SigningKey> {
	let row = await activeRow(db, purpose);
	if (!row) {
		await db
			.insert(signingKeys)
			.values(await newKeyRow(purpose))
			.onConflictDoNothing();
		row = await activeRow(db, purpose);
	}
	if (!row) throw new Error(`No active ${purpose} key could be stored.`);
	return { kid: row.kid, alg: row.algorithm, privateKey: (await importJWK(row.privateJwk as JWK, row.algorithm)) as CryptoKey };
}

/** Retires the active key of a purpose and makes a new one, in one transaction; returns the new key's kid. */
export async function rotateKey(db: Db, purpose: KeyPurpose): Promise<{ kid: string; retired: string | null }> {
	const next = await newKeyRow(purpose);
	return db.transaction(async (tx) => {
		const [old] = await tx
			.update(signingKeys)
			.set({ retiredAt: new Date() })
			.where(and(eq(signingKeys.purpose, purpose), isNull(signingKeys.retiredAt)))
			.returning({ kid: signingKeys.kid });
		await tx.insert(signingKeys).values(next);
		return { kid: next.kid, retired: old?.kid ?? null };
	});
}

/** The public key set of a purpose: the active key and every retired one, oldest first. No private parts. */
export async function publicJwks(db: Db, purpose: KeyPurpose): Promise<{ keys: PublicJwk[] }> {
	const rows = await db
		.select({ kid: signingKeys.kid, algorithm: signingKeys.algorithm, publicJwk: signingKeys.publicJwk })
		.from(signingKeys)
		.where(eq(signingKeys.purpose, purpose))
		.orderBy(asc(signingKeys.createdAt), asc(signingKeys.kid));
	return { keys: rows.map((r) => ({ ...(r.publicJwk as JWK), kid: r.kid, alg: r.algorithm, use: 'sig' as const })) };
}
