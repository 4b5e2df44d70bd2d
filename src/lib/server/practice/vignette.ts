/**
 * A drill offered inside a vignette (issue 15), at the tearful step its `vignette`/`step` names: the learner
 * first says it in their own words (the same save as the practice area, `place: vignette`), sees the models and
 * the contrast, then continues with the scripted choices.
 */
import type { Db } from '../db';
import { course, type Vignette } from '../content';
import type { Attempt } from '../learning/vignettes';
import { newWriteKey } from '$lib/write-key';
import { recordView, respondedInVignetteSince } from './responses';

export async function drillAtStep(db: Db, learnerId: string, vignette: Vignette, attempt: Attempt | undefined) {
	if (attempt?.completedAt) return null;
	const stepId = attempt?.currentStep ?? vignette.start;
	const drill = course.practice.drills.find((d) => d.pool === 'practice' && d.vignette?.id === vignette.id && d.vignette.step === stepId);
	if (!drill) return null;
	const responded = await respondedInVignetteSince(db, learnerId, drill.id, attempt?.createdAt ?? null);
	if (responded === null) await recordView(db, learnerId, drill.id);
	return { id: drill.id, step: stepId, responded, back: `/modules/${vignette.moduleId}/${vignette.id}`, writeKey: newWriteKey() };
}
