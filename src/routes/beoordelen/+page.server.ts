import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { calibrationResult } from '$lib/server/rating/calibration';
import { momentOf } from '$lib/server/rating/present';
import { ratingQueue } from '$lib/server/rating/ratings';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const user = requireUser();
	const database = await db();
	const [queue, calibration] = await Promise.all([ratingQueue(database, user), calibrationResult(database, user.id, course.practice.calibration)]);
	return {
		queue: queue.map((r, i) => ({ id: r.id, n: i + 1, drill: momentOf(r.drillId, locale()).title })),
		calibrated: calibration !== null
	};
};
