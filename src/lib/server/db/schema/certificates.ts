/**
 * Certificates (issue 17). Two tables on purpose: `certificates` holds only what the public verification page
 * and the status list need, and survives the holder's account deletion (the learner link is set to null);
 * `certificate_details` holds the rest of what was printed and goes with the account.
 */
import { sql } from 'drizzle-orm';
import { boolean, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { oneOf } from './columns';
import { users } from './auth';

/** The registers a learner can name; `other` takes any register's number in a generous format. */
export const REGISTERS = ['BIG', 'NIP', 'NVP', 'VGCt', 'other'] as const;
export type Register = (typeof REGISTERS)[number];

/** The languages a certificate can be issued in (the app's locales). */
export const CERTIFICATE_LOCALES = ['nl', 'en'] as const;

/** Accreditation points as the installation entered them (ACCREDITATION_POINTS), frozen at issue. */
export type Points = { register: string; points: number }[];

export const certificates = pgTable(
	'certificates',
	{
		/** Short, unguessable, with a check character (see certificates/number.ts); the key of /verify/<number>. */
		number: text().primaryKey(),
		learnerId: text('learner_id').references(() => users.id, { onDelete: 'set null' }),
		/** Initials and surname only: all the verification page shows of the holder. */
		holder: text().notNull(),
		/** The course as issued: its title in the language of issue, that language, and its version (hash and date). */
		courseTitle: text('course_title').notNull(),
		locale: text({ enum: CERTIFICATE_LOCALES }).notNull().default('nl'),
		contentVersion: text('content_version').notNull(),
		courseUpdated: text('course_updated'),
		issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
		/** The certificate's bit in the revocation status list. */
		statusIndex: serial('status_index').notNull(),
		revokedAt: timestamp('revoked_at', { withTimezone: true }),
		revokedReason: text('revoked_reason')
	},
	(t) => [
		oneOf('certificates_locale_check', t.locale, CERTIFICATE_LOCALES),
		uniqueIndex('certificates_status_index_key').on(t.statusIndex),
		// One valid certificate per learner: issuing twice returns the first.
		uniqueIndex('certificates_learner_valid_key')
			.on(t.learnerId)
			.where(sql`${t.revokedAt} is null`)
	]
);

export const certificateDetails = pgTable(
	'certificate_details',
	{
		number: text()
			.primaryKey()
			.references(() => certificates.number, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		printedName: text('printed_name').notNull(),
		register: text({ enum: REGISTERS }),
		registerNumber: text('register_number'),
		/** Measured active study time at issue (study_time), in seconds. */
		studySeconds: integer('study_seconds').notNull(),
		points: jsonb().$type<Points>().notNull().default([]),
		/** The test attempt and evaluation the certificate rests on (test_attempts, test_evaluations). */
		attemptId: integer('attempt_id').notNull(),
		evaluationId: integer('evaluation_id').notNull(),
		score: integer().notNull(),
		/** Whether the credential carries the learner's scores, not only hours and objectives. */
		shareScores: boolean('share_scores').notNull().default(false),
		/** Whether the credential carries the rated skill scores of the post-test (frozen in certificate_skill_scores). */
		shareSkills: boolean('share_skills').notNull().default(false)
	},
	(t) => [oneOf('certificate_details_register_check', t.register, REGISTERS)]
);

export type Certificate = typeof certificates.$inferSelect;
export type CertificateDetails = typeof certificateDetails.$inferSelect;
