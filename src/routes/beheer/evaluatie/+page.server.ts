import { db } from '$lib/server/db';
import { requireAdmin } from '$lib/server/guards';
import { EVALUATION_MIN_K, evaluationSummary } from '$lib/server/assessment/analysis';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireAdmin();
	return { k: EVALUATION_MIN_K, summary: await evaluationSummary(await db()) };
};
