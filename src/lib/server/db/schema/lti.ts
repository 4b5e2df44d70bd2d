/** LTI 1.3: the platforms (LMSs) that launch the course, one-time login state, and who and what a launch links. */
import { index, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { now, oneOf } from './columns';
import { users } from './auth';
import { cohorts } from './supervision';

/** A platform is an issuer with the client id it gave this tool; one issuer may register the tool twice. */
export const ltiPlatforms = pgTable(
	'lti_platforms',
	{
		id: text().primaryKey(),
		name: text().notNull(),
		issuer: text().notNull(),
		clientId: text('client_id').notNull(),
		authUrl: text('auth_url').notNull(),
		tokenUrl: text('token_url').notNull(),
		jwksUrl: text('jwks_url').notNull(),
		createdAt: now()
	},
	(t) => [uniqueIndex('lti_platforms_issuer_client_key').on(t.issuer, t.clientId)]
);

/** A launch is accepted only from a deployment registered here. */
export const ltiDeployments = pgTable(
	'lti_deployments',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		deploymentId: text('deployment_id').notNull(),
		createdAt: now()
	},
	(t) => [primaryKey({ columns: [t.platformId, t.deploymentId] })]
);

/** Login initiation → launch: the state (its SHA-256; the browser holds it in a cookie) and the nonce the id_token must carry. */
export const ltiLoginStates = pgTable(
	'lti_login_states',
	{
		id: text().primaryKey(),
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		nonce: text().notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: now()
	},
	(t) => [index('lti_login_states_expires_idx').on(t.expiresAt)]
);

/** Every nonce of an accepted id_token, kept until the token would have expired: a replay finds it here. */
export const ltiNonces = pgTable(
	'lti_nonces',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		nonce: text().notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull()
	},
	(t) => [primaryKey({ columns: [t.platformId, t.nonce] }), index('lti_nonces_expires_idx').on(t.expiresAt)]
);

/** The LMS user (issuer's `sub`) behind an account; matched on this alone, never on an e-mail address. */
export const ltiAccounts = pgTable(
	'lti_accounts',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		subject: text().notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: now(),
		lastLaunchAt: timestamp('last_launch_at', { withTimezone: true }).notNull().defaultNow()
	},
	(t) => [primaryKey({ columns: [t.platformId, t.subject] }), index('lti_accounts_user_idx').on(t.userId)]
);

/**
 * A course (LTI context) of a platform and an instructor's cohort for it: a cohort has one supervisor, so each
 * instructor of the context leads a cohort of their own holding the context's learners.
 */
export const ltiCohorts = pgTable(
	'lti_cohorts',
	{
		cohortId: text('cohort_id')
			.primaryKey()
			.references(() => cohorts.id, { onDelete: 'cascade' }),
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		contextId: text('context_id').notNull(),
		/** The NRPS endpoint from the last instructor launch, if the platform offers it. */
		membershipsUrl: text('memberships_url'),
		createdAt: now()
	},
	(t) => [index('lti_cohorts_context_idx').on(t.platformId, t.contextId)]
);

/** Where a learner's score for a linked module or the final test goes (AGS), saved at each launch of that link. */
export const ltiGradeLinks = pgTable(
	'lti_grade_links',
	{
		id: serial().primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		resourceLinkId: text('resource_link_id').notNull(),
		/** The path the link lands on: /modules/<id>[/<item>], or the final test's. */
		target: text().notNull(),
		lineItemsUrl: text('line_items_url'),
		lineItemUrl: text('line_item_url'),
		scopes: jsonb().$type<string[]>().notNull(),
		/** The platform's `sub` the score is posted for. */
		subject: text().notNull(),
		lastPostedAt: timestamp('last_posted_at', { withTimezone: true }),
		createdAt: now()
	},
	(t) => [uniqueIndex('lti_grade_links_key').on(t.userId, t.platformId, t.resourceLinkId), index('lti_grade_links_user_idx').on(t.userId)]
);

/** One-time tokens of the Dynamic Registration URL an administrator hands to an LMS admin (SHA-256 only). */
export const ltiRegistrationTokens = pgTable('lti_registration_tokens', {
	id: text().primaryKey(),
	expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
	usedAt: timestamp('used_at', { withTimezone: true }),
	createdAt: now()
});

export type LtiPlatform = typeof ltiPlatforms.$inferSelect;
export type LtiGradeLink = typeof ltiGradeLinks.$inferSelect;

/** Who launched in which course (LTI context) and as what: a cohort made later for the context takes its learners from here. */
export const LTI_CONTEXT_ROLES = ['instructor', 'learner'] as const;
export type LtiContextRole = (typeof LTI_CONTEXT_ROLES)[number];

export const ltiContextMembers = pgTable(
	'lti_context_members',
	{
		platformId: text('platform_id')
			.notNull()
			.references(() => ltiPlatforms.id, { onDelete: 'cascade' }),
		contextId: text('context_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		role: text({ enum: LTI_CONTEXT_ROLES }).notNull(),
		updatedAt: now()
	},
	(t) => [
		primaryKey({ columns: [t.platformId, t.contextId, t.userId] }),
		index('lti_context_members_user_idx').on(t.userId),
		oneOf('lti_context_members_role_check', t.role, LTI_CONTEXT_ROLES)
	]
);
