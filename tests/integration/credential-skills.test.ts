/**
 * Issue 17, finishing: the rated skill scores in the credential only with the holder's opt-in, as the mean of the
 * calibrated raters' ratings of the post-test, frozen at issue (a later rating changes nothing); the course title,
 * language and version stored at issue are what the PDF, the verification and the credential show; names beyond
 * Latin print (pdftotext reads them back) and a name the typeface cannot print is refused with a message.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { eq } from 'drizzle-orm';
import { drivers, freshDatabase } from './databases';
import { drill } from '../fixtures/practice';
import type { Database } from '../../src/lib/server/db';
import { certificateSkillScores, testAttempts, testEvaluations } from '../../src/lib/server/db/schema';
import type { SessionUser } from '../../src/lib/server/auth/session';
import { createUser } from '../../src/lib/server/auth/accounts';
import { createCohort, joinCohort } from '../../src/lib/server/supervision/cohorts';
import { submitRating } from '../../src/lib/server/rating/ratings';
import { completeTest, saveTestResponse, startTest } from '../../src/lib/server/rating/performance';
import { rubricSkills } from '../../src/lib/server/rating/present';
import { issueCertificate, verifyCertificate, type IssueInput } from '../../src/lib/server/certificates/issue';
import { achievement, credentialOf, signCredential, urls } from '../../src/lib/server/certificates/credential';
import { ratedPostTest, skillScoresOf } from '../../src/lib/server/certificates/skills';
import { certificatePdf } from '../../src/lib/server/certificates/pdf';
import { certificateSchema } from '../../src/lib/server/certificates/forms';
import { parseForm } from '../../src/lib/server/forms';
import { publicJwks } from '../../src/lib/server/keys';
import { m } from '../../src/lib/paraglide/messages';

const ORIGIN = 'https://ontroerd.example';
const SKILLS = ['bij-de-emotie', 'benoemen-en-erkennen', 'client-centraal', 'regie', 'eigen-emotie', 'betekenis'] as const;
const all = (score: number, overrides: Record<string, number> = {}) => ({ ...Object.fromEntries(SKILLS.map((s) => [s, score])), ...overrides });
const input: IssueInput = {
	printedName: 'Anna de Wit',
	register: null,
	registerNumber: null,
	shareScores: false,
	shareSkills: true,
	courseTitle: 'Ontroerd: tranen in de therapiekamer',
	locale: 'nl',
	contentVersion: 'abcdef0123456789',
	courseUpdated: '2026-12-04',
	points: []
};
const pdfText = async (certificate: Parameters<typeof certificatePdf>[0]['certificate']) => {
	const file = join(mkdtempSync(join(tmpdir(), 'ontroerd-pdf-')), 'certificaat.pdf');
	writeFileSync(file, await certificatePdf({ certificate, origin: ORIGIN, passMark: 70 }));
	return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).normalize('NFC').replace(/\s+/g, ' ');
};

describe.each(drivers)('credential skills and the course as issued on %s', (driver) => {
	let database: Database & { drop: () => Promise<void> };
	let n = 0;
	let raters: { calibrated: SessionUser; second: SessionUser; late: SessionUser; novice: SessionUser };
	/** One cohort per rater, every learner in each: each rater may rate them. */
	const cohortIds: string[] = [];
	const user = async (role: 'trainee' | 'supervisor'): Promise<SessionUser> => {
		const u = await createUser(database.db, { email: `skills${++n}@example.nl`, displayName: `S${n}`, password: 'een lange zin voor de vaardigheden', role });
		if (!u) throw new Error('no user');
		return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, locale: u.locale };
	};
	/** A learner who passed the final test and filled in the evaluation, in the raters' cohort. */
	const eligibleLearner = async () => {
		const learner = await user('trainee');
		for (const id of cohortIds) await joinCohort(database.db, id, learner.id);
		const [attempt] = await database.db
			.insert(testAttempts)
			.values({
				learnerId: learner.id,
				attempt: 1,
				submittedAt: new Date(),
				correct: 12,
				total: 15,
				score: 80,
				passed: true,
				passMark: 70,
				contentVersion: 'v'
			})
			.returning({ id: testAttempts.id });
		await database.db.insert(testEvaluations).values({
			learnerId: learner.id,
			attemptId: attempt?.id ?? 0,
			relevance: 4,
			objectivesMet: 4,
			contentQuality: 4,
			studyLoad: 3,
			hoursSpent: 4,
			contentVersion: 'v'
		});
		return learner;
	};
	/** A handed-in test response at `phase`, with its id. */
	const testResponse = async (learnerId: string, phase: 'pre' | 'post') => {
		await startTest(database.db, learnerId, phase);
		const id = await saveTestResponse(database.db, learnerId, phase, drill('oefening-vader'), `antwoord ${phase}`);
		await completeTest(database.db, learnerId, phase);
		return id;
	};
	/**
	 * Rated: the post-test by two calibrated raters (4 on every skill; 3, with 5 on regie) and by one who had not
	 * calibrated (1 everywhere, which must not count); the pre-test by a calibrated rater (1 everywhere, must not count).
	 */
	const ratedLearner = async () => {
		const learner = await eligibleLearner();
		const pre = await testResponse(learner.id, 'pre');
		const post = await testResponse(learner.id, 'post');
		const rate = async (rater: SessionUser, response: number, scores: Record<string, number>, calibrated = true) =>
			expect(await submitRating(database.db, rater, response, { scores, comment: 'ok', calibrated })).toBe('saved');
		await rate(raters.calibrated, pre, all(1));
		await rate(raters.calibrated, post, all(4));
		await rate(raters.second, post, all(3, { regie: 5 }));
		await rate(raters.novice, post, all(1), false);
		return { learner, post };
	};

	beforeAll(async () => {
		database = await freshDatabase(driver);
		raters = { calibrated: await user('supervisor'), second: await user('supervisor'), late: await user('supervisor'), novice: await user('supervisor') };
		for (const rater of Object.values(raters)) cohortIds.push((await createCohort(database.db, rater.id, `Cohort ${rater.displayName}`)).id);
	});
	afterAll(async () => database?.drop());

	it('with the opt-in, the credential holds the post-test means of the calibrated raters, verifies with jose, and stays the same after a later rating', async () => {
		const { learner, post } = await ratedLearner();
		const certificate = await issueCertificate(database.db, learner.id, input);
		if (!certificate) throw new Error('not issued');
		expect(certificate.shareSkills).toBe(true);

		const credential = await credentialOf(database.db, certificate, ORIGIN);
		const at = urls(ORIGIN).achievement;
		const expected = SKILLS.map((skill) => ({ type: ['Result'], resultDescription: `${at}#skill-${skill}`, value: skill === 'regie' ? '4.5' : '3.5' }));
		expect(credential.credentialSubject.result).toEqual(expected);
		const names = new Map(rubricSkills('nl').map((s) => [s.id, s.name]));
		const descriptions = credential.credentialSubject.achievement.resultDescription;
		for (const skill of SKILLS) {
			expect(descriptions).toContainEqual({
				id: `${at}#skill-${skill}`,
				type: ['ResultDescription'],
				name: m.certificate_skill_result_name({ skill: names.get(skill) ?? '' }, { locale: 'nl' }),
				resultType: 'RubricScore',
				valueMin: '1',
				valueMax: '5'
			});
		}
		expect(credential.evidence.at(-1)?.narrative).toContain('(aantal beoordelingen: 2)');

		const jwt = await signCredential(database.db, credential);
		const { payload } = await jwtVerify(jwt, createLocalJWKSet(await publicJwks(database.db, 'credential')), { issuer: urls(ORIGIN).issuer });
		expect((payload.credentialSubject as { result: unknown }).result).toEqual(expected);

		// A third calibrated rater rates the post-test later: it counts now, but not on the issued credential.
		expect(await submitRating(database.db, raters.late, post, { scores: all(1), comment: 'later', calibrated: true })).toBe('saved');
		const now = await ratedPostTest(database.db, learner.id, 'nl');
		expect(now.scores.find((s) => s.skill === 'regie')).toMatchObject({ mean: 10 / 3, ratings: 3 });
		expect((await credentialOf(database.db, certificate, ORIGIN)).credentialSubject.result).toEqual(expected);
		expect(await skillScoresOf(database.db, certificate.number)).toHaveLength(6);
	});

	it('the public achievement describes every rubric skill as a RubricScore, with the anchors as levels', () => {
		const described = achievement(ORIGIN, 'en', 70).resultDescription.filter((d) => d.resultType === 'RubricScore');
		expect(described.map((d) => d.id)).toEqual(SKILLS.map((skill) => `${urls(ORIGIN).achievement}#skill-${skill}`));
		for (const d of described) {
			expect(d).toMatchObject({ valueMin: '1', valueMax: '5' });
			const levels = 'rubricCriterionLevel' in d ? (d.rubricCriterionLevel ?? []) : [];
			expect(levels.map((l) => l.points)).toEqual(['1', '2', '3', '4', '5']);
		}
	});

	it('without the opt-in, the credential holds no skill results and nothing is stored', async () => {
		const { learner } = await ratedLearner();
		const certificate = await issueCertificate(database.db, learner.id, { ...input, shareSkills: false });
		if (!certificate) throw new Error('not issued');
		const credential = await credentialOf(database.db, certificate, ORIGIN);
		expect(credential.credentialSubject).not.toHaveProperty('result');
		expect(credential.credentialSubject.achievement.resultDescription.map((d) => d.resultType)).toEqual(['Percent']);
		expect(await database.db.select().from(certificateSkillScores).where(eq(certificateSkillScores.number, certificate.number))).toEqual([]);
	});

	it('says why there are no skills to share: no post-test, or not rated by a calibrated rater; the opt-in then stores none', async () => {
		const none = await eligibleLearner();
		expect(await ratedPostTest(database.db, none.id, 'nl')).toEqual({ status: 'no-post-test', scores: [] });

		const unrated = await eligibleLearner();
		const post = await testResponse(unrated.id, 'post');
		expect(await submitRating(database.db, raters.novice, post, { scores: all(2), comment: 'ok', calibrated: false })).toBe('saved');
		expect(await ratedPostTest(database.db, unrated.id, 'nl')).toEqual({ status: 'not-rated', scores: [] });
		const certificate = await issueCertificate(database.db, unrated.id, input);
		if (!certificate) throw new Error('not issued');
		expect((await credentialOf(database.db, certificate, ORIGIN)).credentialSubject).not.toHaveProperty('result');
	});

	it('keeps the course title, language and version it was issued with, whatever the course or the visitor says now', async () => {
		const learner = await eligibleLearner();
		const issued = {
			...input,
			shareSkills: false,
			courseTitle: 'Ontroerd (oude titel)',
			locale: 'en' as const,
			contentVersion: '0123456789abcdef',
			courseUpdated: '2026-01-15'
		};
		const certificate = await issueCertificate(database.db, learner.id, issued);
		if (!certificate) throw new Error('not issued');
		expect(await verifyCertificate(database.db, certificate.number)).toMatchObject({ courseTitle: 'Ontroerd (oude titel)', locale: 'en' });

		const credential = await credentialOf(database.db, certificate, ORIGIN);
		expect(credential.name).toBe('Ontroerd (oude titel)');
		expect(credential.credentialSubject.achievement).toMatchObject({ name: 'Ontroerd (oude titel)', inLanguage: 'en', version: '0123456789abcdef' });
		expect(credential.evidence[0]?.name).toBe(m.certificate_evidence_hours_name({}, { locale: 'en' }));

		const text = await pdfText(certificate);
		for (const expected of ['Ontroerd (oude titel)', '2026-01-15 (01234567)', m.certificate_pdf_heading({}, { locale: 'en' })])
			expect(text).toContain(expected);
		expect(text).not.toContain(m.certificate_course_title({}, { locale: 'nl' }));
	});

	it('prints names beyond Latin, and refuses with a message a name its typeface cannot print', async () => {
		const learner = await eligibleLearner();
		const certificate = await issueCertificate(database.db, learner.id, { ...input, shareSkills: false });
		if (!certificate) throw new Error('not issued');
		for (const name of ['Łukasz Żółć', 'Çağla Öztürk', 'Nguyễn Thị Ánh', 'Αλέξανδρος Παπαδόπουλος', 'Анна Петрова', 'Ђорђе Ћосић']) {
			expect(await pdfText({ ...certificate, printedName: name })).toContain(name);
		}

		const form = (printedName: string) => {
			const data = new FormData();
			data.set('printedName', printedName);
			return parseForm(certificateSchema, data);
		};
		expect(form('王小明')).toEqual({ ok: false, errors: { printedName: 'error_certificate_name_unprintable' } });
		expect(form('Ana 😀 Silva')).toMatchObject({ ok: false });
		// Typed with combining accents: stored as the letters they mean.
		expect(form('Nguye\u0302\u0303n Thi\u0323')).toMatchObject({ ok: true, data: { printedName: 'Nguyễn Thị' } });
	});
});
