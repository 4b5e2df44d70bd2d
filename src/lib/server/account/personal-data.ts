/**
 * Every column that refers to a person, and where it goes in the data export — or why it does not.
 * `tests/integration/privacy.test.ts` reads the database's own catalogue and fails when a column
 * refers to users (by foreign key, or by a name such as *_id of a person or email) without a line
 * here, and checks that each listed export key holds the rows and that account deletion leaves none.
 * This is how a new table cannot be forgotten (Moodle's privacy providers work the same way).
 */
import type { DataExport } from './export';

export type PersonalColumn = {
	table: string;
	column: string;
	/** Why a value stays after the person's account is deleted; without this, deletion must leave none. */
	keptAfterDeletion?: string;
	/** The privacy page's message that tells the person what stays (or stays without their name) after deletion. */
	statedIn?: string;
} & ({ exportedAs: keyof DataExport } | { notExported: string });

export const PERSONAL_DATA: readonly PersonalColumn[] = [
	{ table: 'users', column: 'id', exportedAs: 'account' },
	{ table: 'users', column: 'email', exportedAs: 'account' },
	{ table: 'sessions', column: 'user_id', exportedAs: 'sessions' },
	{ table: 'progress', column: 'learner_id', exportedAs: 'progress' },
	{ table: 'vignette_attempts', column: 'learner_id', exportedAs: 'vignetteAttempts' },
	{ table: 'quiz_attempts', column: 'learner_id', exportedAs: 'quizAttempts' },
	{ table: 'reflections', column: 'learner_id', exportedAs: 'reflections' },
	{ table: 'cohorts', column: 'supervisor_id', exportedAs: 'cohortsLed' },
	{ table: 'cohort_members', column: 'learner_id', exportedAs: 'cohortMemberships' },
	{ table: 'assignment_learners', column: 'learner_id', exportedAs: 'assignments' },
	{ table: 'access_log', column: 'learner_id', exportedAs: 'accessLog' },
	{ table: 'access_log', column: 'viewer_id', exportedAs: 'readsByMe' },
	{
		table: 'access_log',
		column: 'viewer_name',
		exportedAs: 'readsByMe',
		keptAfterDeletion: "another learner's record of who read their work keeps the reader's name; the reader's id is set null",
		statedIn: 'privacy_access_log_how_long'
	},
	{ table: 'groups', column: 'facilitator_id', exportedAs: 'groupMemberships' },
	{ table: 'group_members', column: 'member_id', exportedAs: 'groupMemberships' },
	// The person chooses at deletion whether their posts go or stay without their name (author_id set null).
	{ table: 'group_posts', column: 'author_id', exportedAs: 'groupPosts', statedIn: 'privacy_groups_how_long' },
	{ table: 'study_time', column: 'learner_id', exportedAs: 'studyTime' },
	{ table: 'xapi_outbox', column: 'learner_id', exportedAs: 'learningRecords' },
	{ table: 'cmi5_launches', column: 'learner_id', exportedAs: 'cmi5Launches' },
	{ table: 'cmi5_accounts', column: 'user_id', exportedAs: 'cmi5Accounts' },
	{ table: 'certificates', column: 'learner_id', exportedAs: 'certificates' },
	{
		table: 'certificates',
		column: 'holder',
		exportedAs: 'certificates',
		keptAfterDeletion:
			'initials and surname on the public verification page: a certificate its holder already used must still verify after the account is gone (the learner link is set null)',
		statedIn: 'certificate_privacy_how_long'
	},
	{ table: 'certificate_details', column: 'learner_id', exportedAs: 'certificates' },
	{ table: 'certificate_details', column: 'printed_name', exportedAs: 'certificates' },
	{ table: 'certificate_skill_scores', column: 'learner_id', exportedAs: 'certificates' },
	{ table: 'test_attempts', column: 'learner_id', exportedAs: 'testAttempts' },
	{ table: 'test_evaluations', column: 'learner_id', exportedAs: 'testEvaluations' },
	{ table: 'drill_responses', column: 'learner_id', exportedAs: 'practiceResponses' },
	{ table: 'practice_cards', column: 'learner_id', exportedAs: 'practiceCards' },
	{ table: 'practice_levels', column: 'learner_id', exportedAs: 'practiceLevel' },
	{ table: 'drill_views', column: 'learner_id', exportedAs: 'practiceViews' },
	// A rater's deletion keeps their ratings of others' responses, anonymised (rater_id set null); a learner's deletion removes the ratings of their responses.
	{ table: 'response_ratings', column: 'rater_id', exportedAs: 'ratingsGiven', statedIn: 'rating_privacy_how_long' },
	{ table: 'calibration_scores', column: 'rater_id', exportedAs: 'calibrationScores' },
	{ table: 'performance_tests', column: 'learner_id', exportedAs: 'performanceTests' },
	{ table: 'test_responses', column: 'learner_id', exportedAs: 'performanceTestResponses' },
	{ table: 'self_efficacy_answers', column: 'learner_id', exportedAs: 'selfEfficacyAnswers' },
	{ table: 'lti_accounts', column: 'user_id', exportedAs: 'ltiAccounts' },
	{ table: 'lti_context_members', column: 'user_id', exportedAs: 'ltiCourses' },
	{ table: 'lti_grade_links', column: 'user_id', exportedAs: 'ltiGradeLinks' },
	{
		table: 'auth_tokens',
		column: 'user_id',
		notExported: 'secrets: only the hash of a single-use link sent by e-mail, valid 30 minutes and purged a day after use or expiry'
	},
	{ table: 'auth_tokens', column: 'email', notExported: 'the address of a pending link (see user_id); the account address is in the export' },
	{
		table: 'write_keys',
		column: 'user_id',
		notExported: 'technical: random retry keys of saves whose results are already in the export, purged after 7 days'
	},
	{
		table: 'rate_limits',
		column: 'key',
		notExported: 'throttling: an attempt counter keyed by IP or by the e-mail address (login:account:<address>), purged after a day without attempts'
	}
];

/**
 * Every other table, and why it has no column naming a person. Either its rows are part of rows that have one
 * (`partOf`: by a foreign key that cascades, so they go where those go; `exportedAs` where the export carries them),
 * or it holds nothing about a person. `tests/integration/privacy.test.ts` fails on a table in neither list.
 */
export type TableWithoutPerson = { table: string; why: string; partOf?: string; exportedAs?: keyof DataExport };

export const WITHOUT_PERSON_COLUMN: readonly TableWithoutPerson[] = [
	{ table: 'quiz_answers', partOf: 'quiz_attempts', exportedAs: 'quizAttempts', why: 'the answers of one quiz attempt, exported with it' },
	{
		table: 'test_attempt_items',
		partOf: 'test_attempts',
		exportedAs: 'testAttempts',
		why: 'the items and answers of one final-test attempt, exported with it'
	},
	{ table: 'reflection_shares', partOf: 'reflections', exportedAs: 'reflectionShares', why: 'which group a reflection is shared with, exported with it' },
	{ table: 'assignments', partOf: 'cohorts', why: "what a supervisor assigned to a cohort; each trainee's part is in assignment_learners" },
	{ table: 'cohort_invites', partOf: 'cohorts', why: 'hashed invite codes of a cohort, naming nobody' },
	{ table: 'lti_cohorts', partOf: 'cohorts', why: "the learning platform's course a cohort mirrors" },
	{ table: 'group_invites', partOf: 'groups', why: 'hashed invite codes of a group, naming nobody' },
	{
		table: 'group_meetings',
		partOf: 'groups',
		why: "the group's meeting: the case discussed and the notes of the group as a whole, kept while the group lives"
	},
	{ table: 'lti_deployments', partOf: 'lti_platforms', why: 'a learning platform registration, about no person' },
	{ table: 'lti_login_states', partOf: 'lti_platforms', why: 'a launch under way for ten minutes: its state and nonce, before anyone is known' },
	{ table: 'lti_nonces', partOf: 'lti_platforms', why: 'nonces of launches already used, kept until the token expires so a replay is refused' },
	{ table: 'lti_platforms', why: 'the learning platforms this installation trusts' },
	{ table: 'lti_registration_tokens', why: 'single-use dynamic registration links for an administrator, naming nobody' },
	{ table: 'signing_keys', why: "the installation's signing keys (LTI, credentials)" }
];
