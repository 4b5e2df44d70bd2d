/**
 * Issuing, reading and revoking certificates. A certificate is issued only when certificateEligibility finds a
 * passed final test and a completed evaluation; what it prints is frozen at issue.
 */
import { and, eq, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db';
import { certificateDetails, certificates, certificateSkillScores, type Certificate, type CertificateDetails, type Points, type Register } from '../db/schema';
import { certificateEligibility } from '../assessment/eligibility';
import { learnerActiveSeconds } from '../learning/study-time';
import { newCertificateNumber } from './number';
import { initialsAndSurname } from './holder';
import { ratedPostTest } from './skills';
import type { Locale } from '../../paraglide/runtime';

export type IssueInput = {
	printedName: string;
	register: Register | null;
	registerNumber: string | null;
	shareScores: boolean;
	/** Whether the credential carries the rated skill scores of the post-test (when there are any). */
	shareSkills: boolean;
	/** The course as issued: title in `locale`, the language of issue, and its version (content hash, `updated` date). */
	courseTitle: string;
	locale: Locale;
	contentVersion: string;
	courseUpdated: string | null;
	points: Points;
};

export type OwnCertificate = Certificate & CertificateDetails;

/** The learner's valid certificate, with everything it printed, or null. */
export async function certificateOf(db: Db, learnerId: string): Promise<OwnCertificate | null> {
	const [row] = await db
		.select()
		.from(certificates)
		.innerJoin(certificateDetails, eq(certificateDetails.number, certificates.number))
		.where(and(eq(certificates.learnerId, learnerId), isNull(certificates.revokedAt)));
	return row ? { ...row.certificates, ...row.certificate_details } : null;
}

/**
 * Issues the learner's certificate, or returns the one they already have. Null when they have not yet passed the
 * test and completed the evaluation.
 */
export async function issueCertificate(db: Db, learnerId: string, input: IssueInput): Promise<OwnCertificate | null> {
	const existing = await certificateOf(db, learnerId);
	if (existing) return existing;
	const [eligible, studySeconds, skills] = await Promise.all([
		certificateEligibility(db, learnerId),
		learnerActiveSeconds(db, learnerId),
		input.shareSkills ? ratedPostTest(db, learnerId, input.locale) : null
	]);
	if (!eligible) return null;
	const number = newCertificateNumber();
	await db.transaction(async (tx) => {
		const [row] = await tx
			.insert(certificates)
			.values({
				number,
				learnerId,
				holder: initialsAndSurname(input.printedName),
				courseTitle: input.courseTitle,
				locale: input.locale,
				contentVersion: input.contentVersion,
				courseUpdated: input.courseUpdated
			})
			.onConflictDoNothing()
			.returning({ number: certificates.number });
		// Two submissions at once: the one that lost the race stores nothing and reads the winner's certificate.
		if (!row) return;
		await tx.insert(certificateDetails).values({
			number,
			learnerId,
			printedName: input.printedName,
			register: input.register,
			registerNumber: input.registerNumber,
			studySeconds,
			points: input.points,
			attemptId: eligible.attemptId,
			evaluationId: eligible.evaluationId,
			score: eligible.score,
			shareScores: input.shareScores,
			shareSkills: input.shareSkills
		});
		// Frozen here: a later rating of the post-test changes nothing on this certificate.
		if (skills?.scores.length) await tx.insert(certificateSkillScores).values(skills.scores.map((s) => ({ ...s, number, learnerId })));
	});
	return certificateOf(db, learnerId);
}

/** What /verify/<number> shows, and nothing more. */
export type Verification = Pick<Certificate, 'number' | 'holder' | 'courseTitle' | 'locale' | 'issuedAt' | 'revokedAt'>;

export async function verifyCertificate(db: Db, number: string): Promise<Verification | null> {
	const [row] = await db
		.select({
			number: certificates.number,
			holder: certificates.holder,
			courseTitle: certificates.courseTitle,
			locale: certificates.locale,
			issuedAt: certificates.issuedAt,
			revokedAt: certificates.revokedAt
		})
		.from(certificates)
		.where(eq(certificates.number, number));
	return row ?? null;
}

/** Revokes a certificate; false when there is no such number or it was revoked already. */
export async function revokeCertificate(db: Db, number: string, reason: string): Promise<boolean> {
	const rows = await db
		.update(certificates)
		.set({ revokedAt: new Date(), revokedReason: reason })
		.where(and(eq(certificates.number, number), isNull(certificates.revokedAt)))
		.returning({ number: certificates.number });
	return rows.length > 0;
}

/** The status-list indices of every revoked certificate. */
export async function revokedIndices(db: Db): Promise<number[]> {
	const rows = await db.select({ index: certificates.statusIndex }).from(certificates).where(isNotNull(certificates.revokedAt));
	return rows.map((r) => r.index);
}
