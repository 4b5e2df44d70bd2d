import { RETENTION } from '$lib/server/retention';
import type { PageServerLoad } from './$types';

/** The figures come from the constants the purge uses, so the page says what actually happens. */
export const load: PageServerLoad = () => ({ retention: RETENTION });
