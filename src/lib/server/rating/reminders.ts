/**
 * The retention-test reminder (issue 16): once a learner's retention test is due (RETENTION_AFTER_DAYS after the
 * post-test), the hourly job (retention.ts) mails them once, in their language. The mail is claimed by setting
 * performance_tests.reminded_at on the retention row in one statement, so two instances never both send it.
 */
import { and, eq, isNotNull, isNull, lte, notExists, or } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../db';
import { performanceTests, users } from '../db/schema';
import { m } from '../../paraglide/messages';
import { asLocale } from '../auth/mails';
import type { Mail } from '../mail';
import { errorFields, logger } from '../log';
import { formFor, RETENTION_AFTER_DAYS } from './performance';

export function retentionMail(to: string, locale: string, name: string, origin: string): Mail {
	const l = asLocale(locale);
	const text = m.rating_mail_retention_text({ link: `${origin}/oefenen/meting/retention` }, { locale: l });
	return {
		to,
		subject: m.rating_mail_retention_subject({}, { locale: l }),
		text: `${m.mail_greeting({ name }, { locale: l })}\n\n${text}\n\n${m.mail_signature({}, { locale: l })}\n`
	};
}

/** Claims and sends the reminders due at `now`; returns how many were sent. A failed send is logged and not retried: the
 * learner still finds the test on their dashboard. */
export async function remindRetention(db: Db, origin: string, send: (mail: Mail) => Promise<void>, now = new Date()): Promise<number> {
	const retention = alias(performanceTests, 'retention');
	const due = await db
		.select({ id: users.id, email: users.email, name: users.displayName, locale: users.locale })
		.from(performanceTests)
		.innerJoin(users, eq(users.id, performanceTests.learnerId))
		.where(
			and(
				eq(performanceTests.phase, 'post'),
				lte(performanceTests.completedAt, new Date(now.getTime() - RETENTION_AFTER_DAYS * 86_400_000)),
				isNull(users.disabledAt),
				notExists(
					db
						.select({ id: retention.learnerId })
						.from(retention)
						.where(
							and(
								eq(retention.learnerId, performanceTests.learnerId),
								eq(retention.phase, 'retention'),
								or(isNotNull(retention.completedAt), isNotNull(retention.remindedAt))
							)
						)
				)
			)
		);
	let sent = 0;
	for (const learner of due) {
		const claimed = await db
			.insert(performanceTests)
			.values({ learnerId: learner.id, phase: 'retention', form: formFor(learner.id, 'retention'), remindedAt: now })
			.onConflictDoUpdate({
				target: [performanceTests.learnerId, performanceTests.phase],
				set: { remindedAt: now },
				setWhere: and(isNull(performanceTests.remindedAt), isNull(performanceTests.completedAt))
			})
			.returning({ id: performanceTests.learnerId });
		if (claimed.length === 0) continue;
		try {
			await send(retentionMail(learner.email, learner.locale, learner.name, origin));
			sent++;
		} catch (error) {
			logger.warn({ event: 'rating.retention_reminded', failed: true, ...errorFields(error) }, 'a retention reminder was not sent');
		}
	}
	return sent;
}
