import { loadErrorMessages } from '$lib/i18n';
import type { LayoutLoad } from './$types';

/** The page's language's error messages for `t()`, before anything renders: the browser loads that language's only. */
export const load: LayoutLoad = async ({ data }) => {
	await loadErrorMessages(data.locale);
	return data;
};
