/**
 * The certificate as an Open Badges 3.0 OpenBadgeCredential (1EdTech OB 3.0 on the W3C VC Data Model 2.0), signed
 * as a VC-JWT with the installation's credential key (keys.ts): the JWT payload is the credential itself, with
 * `iss`, `jti` and `nbf` mirroring issuer, id and validFrom (OB 3.0 §8.2). Revocation is a W3C Bitstring Status
 * List credential, signed with the same key; the issuer profile and its key set are public (routes/credentials).
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { eq } from 'drizzle-orm';
import { SignJWT } from 'jose';
import type { Db } from '../db';
import { testAttempts } from '../db/schema';
import { course } from '../content';
import { signingKey } from '../keys';
import { m } from '../../paraglide/messages';
import type { Locale } from '../../paraglide/runtime';
import type { OwnCertificate } from './issue';
import { revokedIndices } from './issue';
import { PASS_MARK } from './requirements';
import { studyHours } from './holder';
import { SKILL_SCALE, skillScoresOf, skillValue, type SkillScore } from './skills';
import { rubricSkills } from '../rating/present';

const CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'];
/** 16 KB of bits, the specification's minimum, so one list hides each holder among 131,072 entries. */
export const STATUS_LIST_BITS = 131_072;
export const STATUS_LIST_ID = '1';

/** The public addresses, all under the installation's ORIGIN. */
export const urls = (origin: string) => ({
	issuer: `${origin}/credentials/issuer`,
	jwks: `${origin}/credentials/jwks`,
	achievement: `${origin}/credentials/achievement`,
	statusList: `${origin}/credentials/status/${STATUS_LIST_ID}`,
	verify: (number: string) => `${origin}/verify/${encodeURIComponent(number)}`
});

export function issuerProfile(origin: string, locale: Locale) {
	const at = urls(origin);
	return {
		'@context': CONTEXT,
		id: at.issuer,
		type: ['Profile'],
		name: m.certificate_issuer_name({}, { locale }),
		url: origin,
		description: m.certificate_issuer_description({ jwks: at.jwks }, { locale })
	};
}

export { studyHours };

/** What an issued certificate froze of the course: its title, language and version, and the skill scores shared. */
export type IssuedCourse = { title: string; version: string; skills: readonly SkillScore[] };

/**
 * The achievement every certificate of this course is for; `issued` gives the title and version one certificate
 * was issued with, and its skill scores' result descriptions. A skill score is a `RubricScore`: OB 3.0 §B.1.31
 * (ResultType) defines it as "a rubric score with both a name and a numeric value", which is what a mean rating on
 * one rubric skill is; `RubricCriterionLevel` would name one level (achievedLevel), which a mean of several ratings
 * is not, and `ScaledScore` is for a score transformed to a scale, which this is not. valueMin/valueMax bound the
 * value (§B.1.17 ResultDescription); on the public achievement the rubric's five anchors are the skill's
 * `rubricCriterionLevel`s, low to high. Spec: https://www.imsglobal.org/spec/ob/v3p0/ (appendix B.1).
 */
export function achievement(origin: string, locale: Locale, passMark: number, issued?: IssuedCourse) {
	const id = urls(origin).achievement;
	return {
		id,
		type: ['Achievement'],
		achievementType: 'Course',
		name: issued?.title ?? m.certificate_course_title({}, { locale }),
		description: m.certificate_achievement_description({}, { locale }),
		criteria: { narrative: m.certificate_criteria({ passMark }, { locale }) },
		inLanguage: locale,
		version: issued?.version ?? course.info.version,
		creator: { id: urls(origin).issuer, type: ['Profile'], name: m.certificate_issuer_name({}, { locale }) },
		// An issued credential describes the skills it holds a score for (named as at issue); the public achievement all of them.
		resultDescription: [
			{
				id: `${id}#score`,
				type: ['ResultDescription'],
				name: m.certificate_result_name({}, { locale }),
				resultType: 'Percent',
				requiredValue: String(passMark)
			},
			...(issued
				? issued.skills.map((s) => skillDescription(id, locale, s.skill, s.name, []))
				: rubricSkills(locale).map((s) => skillDescription(id, locale, s.id, s.name, s.anchors)))
		]
	};
}

/** A skill's result description; the anchors (as levels) only on the public achievement, since an issued one holds only what was frozen. */
function skillDescription(achievementId: string, locale: Locale, skill: string, name: string, anchors: readonly { score: number; label: string }[]) {
	return {
		id: `${achievementId}#skill-${skill}`,
		type: ['ResultDescription'],
		name: m.certificate_skill_result_name({ skill: name }, { locale }),
		resultType: 'RubricScore',
		valueMin: String(SKILL_SCALE.min),
		valueMax: String(SKILL_SCALE.max),
		...(anchors.length > 0
			? {
					rubricCriterionLevel: anchors.map((a) => ({
						id: `${achievementId}#skill-${skill}-${a.score}`,
						type: ['RubricCriterionLevel'],
						name: a.label,
						points: String(a.score)
					}))
				}
			: {})
	};
}

/** The pass mark in force on the attempt the certificate rests on. */
export async function passMarkOf(db: Db, certificate: OwnCertificate): Promise<number | null> {
	const [attempt] = await db.select({ passMark: testAttempts.passMark }).from(testAttempts).where(eq(testAttempts.id, certificate.attemptId));
	return attempt?.passMark ?? null;
}

/**
 * The credential's JSON, in the language the certificate was issued in: achievement, criteria, evidence (hours,
 * objectives; the test score and the rated skill scores only when the holder opted in, the latter as frozen at issue).
 */
export async function credentialOf(db: Db, certificate: OwnCertificate, origin: string) {
	const at = urls(origin);
	const locale = certificate.locale;
	const [passMark, skills] = await Promise.all([
		passMarkOf(db, certificate).then((mark) => mark ?? PASS_MARK),
		certificate.shareSkills ? skillScoresOf(db, certificate.number) : []
	]);
	const objectives = course.modules.flatMap((module) => module.objectives[locale].map((objective) => `${module.title[locale]}: ${objective}`));
	const results = [
		...(certificate.shareScores ? [{ type: ['Result'], resultDescription: `${at.achievement}#score`, value: String(certificate.score) }] : []),
		...skills.map((s) => ({ type: ['Result'], resultDescription: `${at.achievement}#skill-${s.skill}`, value: skillValue(s.mean) }))
	];
	return {
		'@context': CONTEXT,
		id: at.verify(certificate.number),
		type: ['VerifiableCredential', 'OpenBadgeCredential'],
		issuer: { id: at.issuer, type: ['Profile'], name: m.certificate_issuer_name({}, { locale }), url: origin },
		validFrom: certificate.issuedAt.toISOString(),
		name: certificate.courseTitle,
		credentialSubject: {
			type: ['AchievementSubject'],
			identifier: [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: certificate.printedName }],
			achievement: achievement(origin, locale, passMark, { title: certificate.courseTitle, version: certificate.contentVersion, skills }),
			...(results.length > 0 ? { result: results } : {})
		},
		evidence: [
			{
				type: ['Evidence'],
				name: m.certificate_evidence_hours_name({}, { locale }),
				description: m.certificate_evidence_hours({ hours: studyHours(certificate.studySeconds, locale) }, { locale })
			},
			{
				type: ['Evidence'],
				name: m.certificate_evidence_objectives_name({}, { locale }),
				narrative: objectives.map((o) => `- ${o}`).join('\n')
			},
			...(skills.length > 0
				? [
						{
							type: ['Evidence'],
							name: m.certificate_evidence_skills_name({}, { locale }),
							narrative: [
								m.certificate_skills_which({}, { locale }),
								...skills.map((s) => `- ${m.certificate_skill_line({ skill: s.name, value: skillValue(s.mean), ratings: s.ratings }, { locale })}`)
							].join('\n')
						}
					]
				: [])
		],
		credentialStatus: {
			id: `${at.statusList}#${certificate.statusIndex}`,
			type: 'BitstringStatusListEntry',
			statusPurpose: 'revocation',
			statusListIndex: String(certificate.statusIndex),
			statusListCredential: at.statusList
		}
	};
}

/** Signs a credential as a VC-JWT with the active credential key. */
export async function signCredential(db: Db, credential: { id: string; issuer: { id: string } | string; validFrom: string }): Promise<string> {
	const key = await signingKey(db, 'credential');
	const issuer = typeof credential.issuer === 'string' ? credential.issuer : credential.issuer.id;
	return new SignJWT({ ...credential })
		.setProtectedHeader({ alg: key.alg ?? 'ES256', kid: key.kid, typ: 'JWT' })
		.setIssuer(issuer)
		.setJti(credential.id)
		.setNotBefore(new Date(credential.validFrom))
		.sign(key.privateKey);
}

/** The bitstring: bit i (counted from the most significant bit of the first byte) set when index i is revoked. */
export function encodeStatusList(revoked: number[]): string {
	const bits = new Uint8Array(STATUS_LIST_BITS / 8);
	for (const index of revoked) {
		if (index < 0 || index >= STATUS_LIST_BITS) continue;
		bits[index >> 3] = (bits[index >> 3] ?? 0) | (0x80 >> (index & 7));
	}
	return `u${gzipSync(bits).toString('base64url')}`;
}

/** Whether index is set in an encodedList (the check a verifier makes). */
export function isRevokedIn(encodedList: string, index: number): boolean {
	const bits = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
	return ((bits[index >> 3] ?? 0) & (0x80 >> (index & 7))) !== 0;
}

/** The status list credential, signed: what /credentials/status/1 serves. */
export async function statusListCredential(db: Db, origin: string): Promise<string> {
	const at = urls(origin);
	const credential = {
		'@context': ['https://www.w3.org/ns/credentials/v2'],
		id: at.statusList,
		type: ['VerifiableCredential', 'BitstringStatusListCredential'],
		issuer: at.issuer,
		validFrom: new Date().toISOString(),
		credentialSubject: {
			id: `${at.statusList}#list`,
			type: 'BitstringStatusList',
			statusPurpose: 'revocation',
			encodedList: encodeStatusList(await revokedIndices(db))
		}
	};
	return signCredential(db, credential);
}
