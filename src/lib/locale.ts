import { getLocale, type Locale } from '$lib/paraglide/runtime';

export type { Locale };

/** The language of this request (on the server) or page (in the browser), as Paraglide's own type. */
export const locale = (): Locale => getLocale();
