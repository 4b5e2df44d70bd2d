import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db';
import { prepared } from '../db/prepared';
import { vignetteAttempts, type PathEntry } from '../db/schema';
import type { Vignette } from '../content';
import { touchItem } from './progress';
import { recordVignetteDecision } from '../xapi/record';

export type Attempt = typeof vignetteAttempts.$inferSelect;

const attemptsQuery = prepared((db) =>
	db
		.select()
		.from(vignetteAttempts)
		.where(and(eq(vignetteAttempts.learnerId, sql.placeholder('learnerId')), eq(vignetteAttempts.vignetteId, sql.placeholder('vignetteId'))))
		.orderBy(desc(vignetteAttempts.attempt))
		.prepare('vignette_attempts_of')
);

export async function vignetteAttemptsOf(db: Db, learnerId: string, vignetteId: string): Promise<Attempt[]> {
	return attemptsQuery(db).execute({ learnerId, vignetteId });
}

export type ChooseResult = { ok: true; attempt: Attempt } | { ok: false; reason: 'unknown-choice' | 'stale-step' };

/**
 * Records a choice at the step the learner is on. A repeated post of the choice just made
 * (a double click, a retried request) is accepted once and changes nothing the second time.
 */
export async function chooseInVignette(db: Db, learnerId: string, vignette: Vignette, stepId: string, choiceId: string): Promise<ChooseResult> {
	const step = vignette.steps[stepId];
	const choice = step?.choices.find((c) => c.id === choiceId);
	if (!step || !choice) return { ok: false, reason: 'unknown-choice' };
	return db.transaction(async (tx) => {
		const [latest] = await tx
			.select()
			.from(vignetteAttempts)
			.where(and(eq(vignetteAttempts.learnerId, learnerId), eq(vignetteAttempts.vignetteId, vignette.id)))
			.orderBy(desc(vignetteAttempts.attempt))
			.limit(1)
			.for('update');
		let attempt = latest;
		if (!attempt) {
			[attempt] = await tx
				.insert(vignetteAttempts)
				.values({ learnerId, vignetteId: vignette.id, attempt: 1, currentStep: vignette.start, contentVersion: vignette.version })
				.returning();
		}
		if (!attempt) throw new Error('attempt not created');
		const last = attempt.path.at(-1);
		if (attempt.currentStep !== stepId) {
			if (last?.step === stepId && last.choice === choiceId) return { ok: true as const, attempt };
			return { ok: false as const, reason: 'stale-step' as const };
		}
		const path: PathEntry[] = [...attempt.path, { step: stepId, choice: choiceId }];
		const ended = vignette.steps[choice.next]?.end === true;
		const [updated] = await tx
			.update(vignetteAttempts)
			.set({ path, currentStep: choice.next, completedAt: ended ? new Date() : null, contentVersion: vignette.version })
			.where(eq(vignetteAttempts.id, attempt.id))
			.returning();
		if (!updated) throw new Error('attempt not updated');
		await recordVignetteDecision(tx, learnerId, vignette, updated, attempt.path.length, step, choiceId);
		await touchItem(tx, learnerId, vignette, ended ? 'completed' : 'started');
		return { ok: true as const, attempt: updated };
	});
}

/** Starts a new attempt at the first step; earlier attempts are kept as they were. */
export async function restartVignette(db: Db, learnerId: string, vignette: Vignette): Promise<void> {
	await db.transaction(async (tx) => {
		const [latest] = await tx
			.select({ attempt: vignetteAttempts.attempt, path: vignetteAttempts.path })
			.from(vignetteAttempts)
			.where(and(eq(vignetteAttempts.learnerId, learnerId), eq(vignetteAttempts.vignetteId, vignette.id)))
			.orderBy(desc(vignetteAttempts.attempt))
			.limit(1)
			.for('update');
		// An untouched attempt is already a fresh start: a second click makes no empty attempts.
		if (latest && latest.path.length === 0) return;
		await tx.insert(vignetteAttempts).values({
			learnerId,
			vignetteId: vignette.id,
			attempt: (latest?.attempt ?? 0) + 1,
			currentStep: vignette.start,
			contentVersion: vignette.version
		});
	});
}
