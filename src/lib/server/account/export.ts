/**
 * Everything stored about one person, as one plain object for a JSON download (GDPR access and
 * portability). Never the password hash or session tokens, and of other people only what this
 * person already sees: their supervisor's name, feedback addressed to them, who read their work.
 * Which table goes where is declared in ./personal-data.ts, which the privacy test checks.
 */
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../db';
import { logEvent } from '../log';
import {
	accessLog,
	assignmentLearners,
	assignments,
	cohortMembers,
	cohorts,
	calibrationScores,
	drillResponses,
	drillViews,
	groupMembers,
	groupPosts,
	groups,
	practiceCards,
	performanceTests,
	practiceLevels,
	responseRatings,
	ltiAccounts,
	ltiContextMembers,
	ltiGradeLinks,
	ltiPlatforms,
	progress,
	quizAnswers,
	quizAttempts,
	reflectionShares,
	reflections,
	selfEfficacyAnswers,
	sessions,
	studyTime,
	testResponses,
	testAttemptItems,
	testAttempts,
	testEvaluations,
	users,
	certificates,
	certificateDetails,
	certificateSkillScores,
	vignetteAttempts
} from '../db/schema';
import { learningRecordsOf } from '../xapi/export';

export const EXPORT_FORMAT = 'ontroerd-export/1';

async function collect(db: Db, userId: string) {
	const [account] = await db
		.select({ id: users.id, email: users.email, displayName: users.displayName, role: users.role, locale: users.locale, createdAt: users.createdAt })
		.from(users)
		.where(eq(users.id, userId));
	if (!account) return null;
	const [openSessions, progressRows, vignetteRows, quizRows, answerRows, reflectionRows, memberships, cohortsLed, assigned, readBy] = await Promise.all([
		db
			.select({ createdAt: sessions.createdAt, expiresAt: sessions.expiresAt })
			.from(sessions)
			.where(eq(sessions.userId, userId))
			.orderBy(asc(sessions.createdAt)),
		db
			.select({
				moduleId: progress.moduleId,
				itemId: progress.itemId,
				status: progress.status,
				contentVersion: progress.contentVersion,
				updatedAt: progress.updatedAt
			})
			.from(progress)
			.where(eq(progress.learnerId, userId))
			.orderBy(asc(progress.updatedAt)),
		db
			.select({
				vignetteId: vignetteAttempts.vignetteId,
				attempt: vignetteAttempts.attempt,
				currentStep: vignetteAttempts.currentStep,
				path: vignetteAttempts.path,
				contentVersion: vignetteAttempts.contentVersion,
				createdAt: vignetteAttempts.createdAt,
				completedAt: vignetteAttempts.completedAt
			})
			.from(vignetteAttempts)
			.where(eq(vignetteAttempts.learnerId, userId))
			.orderBy(asc(vignetteAttempts.createdAt)),
		db.select().from(quizAttempts).where(eq(quizAttempts.learnerId, userId)).orderBy(asc(quizAttempts.createdAt)),
		db
			.select({
				attemptId: quizAnswers.attemptId,
				questionId: quizAnswers.questionId,
				answer: quizAnswers.answer,
				contentVersion: quizAnswers.contentVersion,
				answeredAt: quizAnswers.answeredAt
			})
			.from(quizAnswers)
			.innerJoin(quizAttempts, eq(quizAttempts.id, quizAnswers.attemptId))
			.where(eq(quizAttempts.learnerId, userId))
			.orderBy(asc(quizAnswers.answeredAt)),
		db
			.select({
				promptKey: reflections.promptKey,
				itemId: reflections.itemId,
				body: reflections.body,
				visibility: reflections.visibility,
				version: reflections.version,
				contentVersion: reflections.contentVersion,
				updatedAt: reflections.updatedAt
			})
			.from(reflections)
			.where(eq(reflections.learnerId, userId))
			.orderBy(asc(reflections.updatedAt)),
		db
			.select({ cohort: cohorts.name, supervisor: users.displayName, joinedAt: cohortMembers.joinedAt })
			.from(cohortMembers)
			.innerJoin(cohorts, eq(cohorts.id, cohortMembers.cohortId))
			.innerJoin(users, eq(users.id, cohorts.supervisorId))
			.where(eq(cohortMembers.learnerId, userId))
			.orderBy(asc(cohortMembers.joinedAt)),
		db.select({ name: cohorts.name, createdAt: cohorts.createdAt }).from(cohorts).where(eq(cohorts.supervisorId, userId)).orderBy(asc(cohorts.createdAt)),
		db
			.select({
				cohort: cohorts.name,
				targetType: assignments.targetType,
				targetId: assignments.targetId,
				dueAt: assignments.dueAt,
				note: assignments.note,
				submittedAt: assignmentLearners.submittedAt,
				submission: assignmentLearners.snapshot,
				feedback: assignmentLearners.feedback,
				reviewedAt: assignmentLearners.reviewedAt,
				reply: assignmentLearners.reply,
				repliedAt: assignmentLearners.repliedAt
			})
			.from(assignmentLearners)
			.innerJoin(assignments, eq(assignments.id, assignmentLearners.assignmentId))
			.innerJoin(cohorts, eq(cohorts.id, assignments.cohortId))
			.where(eq(assignmentLearners.learnerId, userId))
			.orderBy(asc(assignments.dueAt)),
		db
			.select({ viewer: accessLog.viewerName, what: accessLog.what, at: accessLog.at })
			.from(accessLog)
			.where(eq(accessLog.learnerId, userId))
			.orderBy(asc(accessLog.at))
	]);
	const [groupRows, shareRows, postRows, readsByMe, studyRows, certificateRows] = await Promise.all([
		db
			.select({ group: groups.name, facilitator: groups.facilitatorId, showName: groupMembers.showName, joinedAt: groupMembers.joinedAt })
			.from(groupMembers)
			.innerJoin(groups, eq(groups.id, groupMembers.groupId))
			.where(eq(groupMembers.memberId, userId))
			.orderBy(asc(groupMembers.joinedAt)),
		db
			.select({ promptKey: reflections.promptKey, group: groups.name, named: reflectionShares.named })
			.from(reflectionShares)
			.innerJoin(reflections, eq(reflections.id, reflectionShares.reflectionId))
			.innerJoin(groups, eq(groups.id, reflectionShares.groupId))
			.where(eq(reflections.learnerId, userId)),
		db
			.select({
				group: groups.name,
				caseId: groupPosts.caseId,
				body: groupPosts.body,
				createdAt: groupPosts.createdAt,
				editedAt: groupPosts.editedAt,
				deletedAt: groupPosts.deletedAt
			})
			.from(groupPosts)
			.innerJoin(groups, eq(groups.id, groupPosts.groupId))
			.where(eq(groupPosts.authorId, userId))
			.orderBy(asc(groupPosts.createdAt)),
		// My own reads of others' work, without naming whose it was (that is theirs to see).
		db.select({ what: accessLog.what, at: accessLog.at }).from(accessLog).where(eq(accessLog.viewerId, userId)).orderBy(asc(accessLog.at)),
		db
			.select({
				itemId: studyTime.itemId,
				heartbeatSeconds: studyTime.beatSeconds,
				lastHeartbeatAt: studyTime.beatAt,
				postGapSeconds: studyTime.eventSeconds,
				lastPostAt: studyTime.eventAt
			})
			.from(studyTime)
			.where(eq(studyTime.learnerId, userId))
			.orderBy(asc(studyTime.itemId)),
		db
			.select({
				number: certificates.number,
				printedName: certificateDetails.printedName,
				holderOnVerificationPage: certificates.holder,
				register: certificateDetails.register,
				registerNumber: certificateDetails.registerNumber,
				courseTitle: certificates.courseTitle,
				language: certificates.locale,
				contentVersion: certificates.contentVersion,
				courseUpdated: certificates.courseUpdated,
				issuedAt: certificates.issuedAt,
				studySeconds: certificateDetails.studySeconds,
				points: certificateDetails.points,
				score: certificateDetails.score,
				scoreInCredential: certificateDetails.shareScores,
				skillsInCredential: certificateDetails.shareSkills,
				revokedAt: certificates.revokedAt,
				revokedReason: certificates.revokedReason
			})
			.from(certificates)
			.innerJoin(certificateDetails, eq(certificateDetails.number, certificates.number))
			.where(eq(certificates.learnerId, userId))
			.orderBy(asc(certificates.issuedAt))
	]);
	// The rated skill scores frozen with a certificate (when its holder opted in), beside the certificate they belong to.
	const skillRows = await db
		.select({
			number: certificateSkillScores.number,
			skill: certificateSkillScores.skill,
			name: certificateSkillScores.name,
			mean: certificateSkillScores.mean,
			ratings: certificateSkillScores.ratings
		})
		.from(certificateSkillScores)
		.where(eq(certificateSkillScores.learnerId, userId));
	const records = await learningRecordsOf(db, userId);
	const test = await finalTestOf(db, userId);
	const practice = await practiceOf(db, userId);
	const rated = await ratingsOf(db, userId);
	const [ltiAccountRows, ltiCourseRows, ltiGradeRows] = await Promise.all([
		db
			.select({
				platform: ltiPlatforms.name,
				issuer: ltiPlatforms.issuer,
				subject: ltiAccounts.subject,
				createdAt: ltiAccounts.createdAt,
				lastLaunchAt: ltiAccounts.lastLaunchAt
			})
			.from(ltiAccounts)
			.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiAccounts.platformId))
			.where(eq(ltiAccounts.userId, userId)),
		db
			.select({ platform: ltiPlatforms.name, courseId: ltiContextMembers.contextId, role: ltiContextMembers.role, updatedAt: ltiContextMembers.updatedAt })
			.from(ltiContextMembers)
			.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiContextMembers.platformId))
			.where(eq(ltiContextMembers.userId, userId)),
		db
			.select({
				platform: ltiPlatforms.name,
				resourceLinkId: ltiGradeLinks.resourceLinkId,
				target: ltiGradeLinks.target,
				lastPostedAt: ltiGradeLinks.lastPostedAt
			})
			.from(ltiGradeLinks)
			.innerJoin(ltiPlatforms, eq(ltiPlatforms.id, ltiGradeLinks.platformId))
			.where(eq(ltiGradeLinks.userId, userId))
	]);
	return {
		format: EXPORT_FORMAT,
		exportedAt: new Date(),
		account,
		sessions: openSessions,
		progress: progressRows,
		vignetteAttempts: vignetteRows,
		quizAttempts: quizRows.map(({ id, learnerId: _learner, ...attempt }) => ({
			...attempt,
			answers: answerRows.filter((a) => a.attemptId === id).map(({ attemptId: _attempt, ...answer }) => answer)
		})),
		reflections: reflectionRows,
		cohortMemberships: memberships,
		cohortsLed,
		assignments: assigned,
		accessLog: readBy,
		readsByMe,
		groupMemberships: groupRows.map(({ facilitator, showName, ...g }) => ({ ...g, facilitator: facilitator === userId, showNameBesideAnswers: showName })),
		reflectionShares: shareRows,
		groupPosts: postRows,
		/** Active seconds per item: by heartbeats with JavaScript, else by the gaps between form posts. */
		studyTime: studyRows,
		/** Statements for a Learning Record Store (queued or sent), cmi5 launches by an LMS, and the LMS accounts behind them. */
		...records,
		/** Certificates as printed; after deletion only number, initials and surname, course, date and status stay (see /privacy). */
		certificates: certificateRows.map((c) => ({
			...c,
			skillScores: skillRows.filter((s) => s.number === c.number).map((s) => ({ skill: s.skill, name: s.name, mean: s.mean, ratings: s.ratings }))
		})),
		...test,
		...practice,
		/** The learning platforms (LTI) this account is known to, by their user id; the courses it was opened from; where scores go. */
		ltiAccounts: ltiAccountRows,
		ltiCourses: ltiCourseRows,
		ltiGradeLinks: ltiGradeRows,
		...rated
	};
}

/**
 * Rated practice (issue 16): ratings of the person's responses by others (with the rater's name and the person's
 * reply), the ratings they gave (blinded: the response's words, not its author), and their calibration scores.
 */
async function ratingsOf(db: Db, userId: string) {
	const rating = {
		drillId: drillResponses.drillId,
		scores: responseRatings.scores,
		comment: responseRatings.comment,
		calibrated: responseRatings.calibrated,
		ratedAt: responseRatings.ratedAt,
		reply: responseRatings.reply,
		repliedAt: responseRatings.repliedAt
	};
	const [received, given, calibration, tests, testRows, confidence] = await Promise.all([
		db
			.select({ ...rating, responseSubmittedAt: drillResponses.submittedAt, rater: users.displayName })
			.from(responseRatings)
			.innerJoin(drillResponses, eq(drillResponses.id, responseRatings.responseId))
			.leftJoin(users, eq(users.id, responseRatings.raterId))
			.where(eq(drillResponses.learnerId, userId))
			.orderBy(asc(responseRatings.ratedAt)),
		db
			.select({ ...rating, response: drillResponses.body })
			.from(responseRatings)
			.innerJoin(drillResponses, eq(drillResponses.id, responseRatings.responseId))
			.where(eq(responseRatings.raterId, userId))
			.orderBy(asc(responseRatings.ratedAt)),
		db
			.select({ round: calibrationScores.round, itemId: calibrationScores.itemId, scores: calibrationScores.scores, ratedAt: calibrationScores.ratedAt })
			.from(calibrationScores)
			.where(eq(calibrationScores.raterId, userId))
			.orderBy(asc(calibrationScores.round), asc(calibrationScores.ratedAt)),
		db
			.select({
				phase: performanceTests.phase,
				form: performanceTests.form,
				startedAt: performanceTests.startedAt,
				completedAt: performanceTests.completedAt,
				remindedAt: performanceTests.remindedAt
			})
			.from(performanceTests)
			.where(eq(performanceTests.learnerId, userId)),
		db
			.select({ phase: testResponses.phase, drillId: drillResponses.drillId, submittedAt: drillResponses.submittedAt })
			.from(testResponses)
			.innerJoin(drillResponses, eq(drillResponses.id, testResponses.responseId))
			.where(eq(testResponses.learnerId, userId)),
		db
			.select({
				phase: selfEfficacyAnswers.phase,
				itemId: selfEfficacyAnswers.itemId,
				value: selfEfficacyAnswers.value,
				answeredAt: selfEfficacyAnswers.answeredAt
			})
			.from(selfEfficacyAnswers)
			.where(eq(selfEfficacyAnswers.learnerId, userId))
	]);
	return {
		ratingsReceived: received,
		ratingsGiven: given,
		calibrationScores: calibration,
		performanceTests: tests,
		performanceTestResponses: testRows,
		selfEfficacyAnswers: confidence
	};
}

/** The final test (issue 17): every attempt with the items drawn and the answers given, and the evaluations. */
async function finalTestOf(db: Db, userId: string) {
	const [attempts, items, evaluations] = await Promise.all([
		db.select().from(testAttempts).where(eq(testAttempts.learnerId, userId)).orderBy(asc(testAttempts.attempt)),
		db
			.select({
				attemptId: testAttemptItems.attemptId,
				itemId: testAttemptItems.itemId,
				optionOrder: testAttemptItems.optionOrder,
				answer: testAttemptItems.answer,
				answeredAt: testAttemptItems.answeredAt,
				correct: testAttemptItems.correct
			})
			.from(testAttemptItems)
			.innerJoin(testAttempts, eq(testAttempts.id, testAttemptItems.attemptId))
			.where(eq(testAttempts.learnerId, userId))
			.orderBy(asc(testAttemptItems.attemptId), asc(testAttemptItems.position)),
		db
			.select({
				attempt: testAttempts.attempt,
				relevance: testEvaluations.relevance,
				objectivesMet: testEvaluations.objectivesMet,
				contentQuality: testEvaluations.contentQuality,
				studyLoad: testEvaluations.studyLoad,
				hoursSpent: testEvaluations.hoursSpent,
				comments: testEvaluations.comments,
				createdAt: testEvaluations.createdAt
			})
			.from(testEvaluations)
			.innerJoin(testAttempts, eq(testAttempts.id, testEvaluations.attemptId))
			.where(eq(testEvaluations.learnerId, userId))
			.orderBy(asc(testEvaluations.createdAt))
	]);
	return {
		testAttempts: attempts.map(({ id, learnerId: _learner, ...attempt }) => ({
			...attempt,
			items: items.filter((i) => i.attemptId === id).map(({ attemptId: _attempt, ...i }) => i)
		})),
		testEvaluations: evaluations
	};
}

/** Deliberate practice (issue 15): responses with their self-ratings and sharing, the spaced-repetition cards, the rung, open views. */
async function practiceOf(db: Db, userId: string) {
	const [responses, cards, levels, views] = await Promise.all([
		db
			.select({
				drillId: drillResponses.drillId,
				place: drillResponses.place,
				bodyNote: drillResponses.bodyNote,
				body: drillResponses.body,
				contentVersion: drillResponses.contentVersion,
				viewedAt: drillResponses.viewedAt,
				submittedAt: drillResponses.submittedAt,
				seconds: drillResponses.seconds,
				ratings: drillResponses.ratings,
				difficulty: drillResponses.difficulty,
				ratedAt: drillResponses.ratedAt,
				visibility: drillResponses.visibility,
				group: groups.name
			})
			.from(drillResponses)
			.leftJoin(groups, eq(groups.id, drillResponses.groupId))
			.where(eq(drillResponses.learnerId, userId))
			.orderBy(asc(drillResponses.submittedAt)),
		db
			.select({ drillId: practiceCards.drillId, card: practiceCards.card, due: practiceCards.due, updatedAt: practiceCards.updatedAt })
			.from(practiceCards)
			.where(eq(practiceCards.learnerId, userId))
			.orderBy(asc(practiceCards.drillId)),
		db.select({ level: practiceLevels.level, updatedAt: practiceLevels.updatedAt }).from(practiceLevels).where(eq(practiceLevels.learnerId, userId)),
		db.select({ drillId: drillViews.drillId, viewedAt: drillViews.viewedAt }).from(drillViews).where(eq(drillViews.learnerId, userId))
	]);
	return { practiceResponses: responses, practiceCards: cards, practiceLevel: levels[0] ?? null, practiceViews: views };
}

export type DataExport = NonNullable<Awaited<ReturnType<typeof collect>>>;

export async function exportOf(db: Db, userId: string) {
	const data = await collect(db, userId);
	if (data) logEvent('data.exported', { userId });
	return data;
}

export function exportFileName(now = new Date()): string {
	return `ontroerd-gegevens-${now.toISOString().slice(0, 10)}.json`;
}
