import { hash, verify } from '@node-rs/argon2';

/** OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane. Verify reads them back from the hash. */
const PARAMS = { memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

export function hashPassword(password: string): Promise<string> {
	return hash(password, PARAMS);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
	try {
		return await verify(stored, password);
	} catch {
		return false;
	}
}

/**
 * Whether a stored hash is weaker than what hashPassword makes now (another algorithm, or less
 * memory, time or parallelism), so that a successful login can store a new one: raising PARAMS
 * upgrades every account as its owner next logs in.
 */
export function needsRehash(stored: string): boolean {
	const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
	if (!match) return true;
	const [memory, time, lanes] = [Number(match[1]), Number(match[2]), Number(match[3])];
	return memory < PARAMS.memoryCost || time < PARAMS.timeCost || lanes < PARAMS.parallelism;
}

let dummy: Promise<string> | undefined;
/** Spend the same time for an unknown account as for a known one, so timing does not tell them apart. */
export async function burnPasswordCheck(password: string): Promise<void> {
	dummy ??= hashPassword('not-a-real-password-for-timing');
	await verifyPassword(await dummy, password);
}
