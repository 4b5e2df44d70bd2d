/**
 * Issue 17: a certificate only after a passed final test and an evaluation; the public verification and the
 * status list show a revocation; the Open Badges credential verifies with jose's own verifier against the
 * published key set and fails when one byte changes; the PDF's text holds every field.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { drivers, freshDatabase } from './databases';
import type { Database } from '../../src/lib/server/db';
import { studyTime, testAttempts, testEvaluations } from '../../src/lib/server/db/schema';
import { createUser } from '../../src/lib/server/auth/accounts';
import { certificateOf, issueCertificate, revokeCertificate, verifyCertificate, type IssueInput } from '../../src/lib/server/certificates/issue';
import { credentialOf, isRevokedIn, signCredential, statusListCredential, urls } from '../../src/lib/server/certificates/credential';
import { certificatePdf } from '../../src/lib/server/certificates/pdf';
import { publicJwks, rotateKey } from '../../src/lib/server/keys';

const ORIGIN = 'https://ontroerd.example';
const input: IssueInput = {
	printedName: 'Ëlise Jansen-van den Bërg',
	register: 'BIG',
	registerNumber: '19012345601',
	shareScores: false,
	shareSkills: false,
	courseTitle: 'Ontroerd: tranen in de therapiekamer',
	locale: 'nl',
	contentVersion: 'abcdef0123456789',
	courseUpdated: '2026-12-04',
	points: [
		{ register: 'NIP', points: 4 },
		{ register: 'VGCt', points: 3.5 }
	]
};

describe.each(drivers)('certificates on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let n = 0;
	const learner = async () =>
		(await createUser(database.db, { email: `cert${++n}@example.nl`, displayName: `C${n}`, password: 'een lange zin voor het certificaat' }))?.id ?? '';
	const attempt = async (learnerId: string, passed: boolean) => {
		const [row] = await database.db
			.insert(testAttempts)
			.values({
				learnerId,
				attempt: n,
				submittedAt: new Date(),
				correct: passed ? 12 : 6,
				total: 15,
				score: passed ? 80 : 40,
				passed,
				passMark: 70,
				contentVersion: 'v'
			})
			.returning({ id: testAttempts.id });
		return row?.id ?? 0;
	};
	const evaluate = (learnerId: string, attemptId: number) =>
		database.db.insert(testEvaluations).values({
			learnerId,
			attemptId,
			relevance: 4,
			objectivesMet: 4,
			contentQuality: 5,
			studyLoad: 3,
			hoursSpent: 4,
			contentVersion: 'v'
		});
	const eligibleLearner = async () => {
		const id = await learner();
		await evaluate(id, await attempt(id, true));
		await database.db.insert(studyTime).values([
			{ learnerId: id, itemId: 'les-een', beatSeconds: 5400 },
			{ learnerId: id, itemId: 'les-twee', eventSeconds: 3600 }
		]);
		return id;
	};

	beforeAll(async () => {
		database = await freshDatabase(driver);
	});
	afterAll(async () => database?.drop());

	it('issues no certificate without a passed test and an evaluation', async () => {
		const nothing = await learner();
		expect(await issueCertificate(database.db, nothing, input)).toBeNull();

		const passedOnly = await learner();
		await attempt(passedOnly, true);
		expect(await issueCertificate(database.db, passedOnly, input)).toBeNull();

		const failedAndEvaluated = await learner();
		await evaluate(failedAndEvaluated, await attempt(failedAndEvaluated, false));
		expect(await issueCertificate(database.db, failedAndEvaluated, input)).toBeNull();

		const both = await eligibleLearner();
		const certificate = await issueCertificate(database.db, both, input);
		expect(certificate).toMatchObject({ holder: 'Ë. Jansen-van den Bërg', studySeconds: 9000, score: 80, register: 'BIG' });
		// Asking again (or twice at once) gives the same certificate.
		const again = await Promise.all([
			issueCertificate(database.db, both, input),
			issueCertificate(database.db, both, { ...input, printedName: 'Iemand Anders' })
		]);
		expect(again.map((c) => c?.number)).toEqual([certificate?.number, certificate?.number]);
	});

	it('verifies as valid, and as revoked with the date once revoked; the status list says the same', async () => {
		const id = await eligibleLearner();
		const certificate = await issueCertificate(database.db, id, input);
		const other = await issueCertificate(database.db, await eligibleLearner(), input);
		if (!certificate || !other) throw new Error('not issued');
		expect(await verifyCertificate(database.db, certificate.number)).toEqual({
			number: certificate.number,
			holder: 'Ë. Jansen-van den Bërg',
			courseTitle: input.courseTitle,
			locale: 'nl',
			issuedAt: certificate.issuedAt,
			revokedAt: null
		});
		expect(await verifyCertificate(database.db, 'AAAA-AAAA-AAA')).toBeNull();

		expect(await revokeCertificate(database.db, certificate.number, 'issued in error')).toBe(true);
		expect(await revokeCertificate(database.db, certificate.number, 'twice')).toBe(false);
		expect((await verifyCertificate(database.db, certificate.number))?.revokedAt).toBeInstanceOf(Date);
		expect(await certificateOf(database.db, id)).toBeNull();

		const list = await statusListCredential(database.db, ORIGIN);
		const { payload } = await jwtVerify(list, createLocalJWKSet(await publicJwks(database.db, 'credential')), { issuer: urls(ORIGIN).issuer });
		const encoded = (payload.credentialSubject as { encodedList: string }).encodedList;
		expect(isRevokedIn(encoded, certificate.statusIndex)).toBe(true);
		expect(isRevokedIn(encoded, other.statusIndex)).toBe(false);
	});

	it('signs a credential that verifies against the published keys, also after a rotation, and fails when one byte changes', async () => {
		const certificate = await issueCertificate(database.db, await eligibleLearner(), input);
		if (!certificate) throw new Error('not issued');
		const credential = await credentialOf(database.db, certificate, ORIGIN);
		expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
		expect(credential.credentialSubject).not.toHaveProperty('result');
		expect(credential.evidence[0]?.description).toContain('2,5 uur');
		expect(credential.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusListIndex: String(certificate.statusIndex) });
		const jwt = await signCredential(database.db, credential);
		await rotateKey(database.db, 'credential');
		const keys = createLocalJWKSet(await publicJwks(database.db, 'credential'));

		const { payload, protectedHeader } = await jwtVerify(jwt, keys, { issuer: urls(ORIGIN).issuer });
		expect(protectedHeader).toMatchObject({ alg: 'ES256', typ: 'JWT' });
		expect(payload).toMatchObject({ id: credential.id, jti: credential.id, credentialSubject: { achievement: { name: credential.name } } });

		const [header, body, signature] = jwt.split('.');
		const flip = (s = '', at: number) => s.slice(0, at) + (s[at] === 'A' ? 'B' : 'A') + s.slice(at + 1);
		await expect(jwtVerify(`${header}.${flip(body, 40)}.${signature}`, keys)).rejects.toThrow();
		await expect(jwtVerify(`${header}.${body}.${flip(signature, 10)}`, keys)).rejects.toThrow();

		const withScore = await credentialOf(database.db, { ...certificate, shareScores: true }, ORIGIN);
		expect(withScore.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: `${ORIGIN}/credentials/achievement#score`, value: '80' }]);
		expect(decodeJwt(await signCredential(database.db, withScore))).toHaveProperty('credentialSubject.result');
	});

	it('prints every field into the PDF, diacritics included', async () => {
		const certificate = await issueCertificate(database.db, await eligibleLearner(), input);
		if (!certificate) throw new Error('not issued');
		const dir = mkdtempSync(join(tmpdir(), 'ontroerd-pdf-'));
		const file = join(dir, 'certificaat.pdf');
		writeFileSync(file, await certificatePdf({ certificate, origin: ORIGIN, passMark: 70 }));
		const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
		for (const expected of [
			'Certificaat',
			'Ëlise Jansen-van den Bërg',
			'BIG 19012345601',
			input.courseTitle,
			'2,5 uur',
			'NIP 4 · VGCt 3,5',
			certificate.number,
			'minstens 70% goed',
			`${ORIGIN}/verify/${certificate.number}`
		]) {
			expect(text.replace(/\s+/g, ' ')).toContain(expected);
		}
		if (process.env.PDF_SHOTS)
			writeFileSync(process.env.PDF_SHOTS, await certificatePdf({ certificate: { ...certificate, locale: 'en' }, origin: ORIGIN, passMark: 70 }));
	});
});
