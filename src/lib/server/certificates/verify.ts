/** The public verification look-up, throttled per client IP like the invite look-ups, so numbers cannot be tried in bulk. */
import type { Db } from '../db';
import { bucketFrom, takeToken } from '../auth/throttle';
import { parseCertificateNumber } from './number';
import { verifyCertificate, type Verification } from './issue';

const VERIFY_PER_IP = bucketFrom(process.env.RATE_LIMIT_VERIFY, { capacity: 60, refillPerSecond: 0.5 });

export type Lookup = { status: 'found'; certificate: Verification } | { status: 'unknown' } | { status: 'throttled' };

export async function lookUpCertificate(db: Db, ip: string, input: string): Promise<Lookup> {
	if (!(await takeToken(db, `verify:ip:${ip}`, VERIFY_PER_IP))) return { status: 'throttled' };
	const number = parseCertificateNumber(input);
	const certificate = number ? await verifyCertificate(db, number) : null;
	return certificate ? { status: 'found', certificate } : { status: 'unknown' };
}
