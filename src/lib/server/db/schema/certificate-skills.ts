/**
 * The rated skill scores a certificate carries when its holder opted in (issue 17 with issue 16): per rubric skill
 * the mean of the calibrated raters' ratings of the post-test, frozen at issue, so a later rating never changes an
 * issued credential. They go with the account, like the rest of what was printed (certificate_details).
 */
import { doublePrecision, integer, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { certificateDetails } from './certificates';

export const certificateSkillScores = pgTable(
	'certificate_skill_scores',
	{
		number: text()
			.notNull()
			.references(() => certificateDetails.number, { onDelete: 'cascade' }),
		learnerId: text('learner_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		/** The rubric skill's id (content/oefenen) and its name in the certificate's language at issue. */
		skill: text().notNull(),
		name: text().notNull(),
		/** The mean rating on the rubric's 1..5 scale, and how many ratings it is the mean of. */
		mean: doublePrecision().notNull(),
		ratings: integer().notNull()
	},
	(t) => [primaryKey({ columns: [t.number, t.skill] })]
);
export type CertificateSkillScore = typeof certificateSkillScores.$inferSelect;
