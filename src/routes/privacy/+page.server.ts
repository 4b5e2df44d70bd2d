import { RETENTION } from '$lib/server/retention';
import { HEARTBEAT_SECONDS, IDLE_SECONDS, MEDIAN_MIN_LEARNERS, NOSCRIPT_GAP_SECONDS } from '$lib/server/learning/study-time';
import { xapiConfig } from '$lib/server/xapi/config';
import type { PageServerLoad } from './$types';

/** The figures come from the constants the purge and the study-time clocks use, so the page says what actually happens. */
export const load: PageServerLoad = () => ({
	retention: RETENTION,
	studyTime: { heartbeat: HEARTBEAT_SECONDS, idle: IDLE_SECONDS / 60, gap: NOSCRIPT_GAP_SECONDS / 60, learners: MEDIAN_MIN_LEARNERS },
	/** Whether this installation sends learning records to an LRS, and with the learner's own words or not. */
	lrs: { configured: xapiConfig() !== null, freeText: xapiConfig()?.freeText ?? false }
});
