import type { ParamMatcher } from '@sveltejs/kit';

/** A performance test's phase (issue 16): pre, post or retention. */
export const match = ((param: string): param is 'pre' | 'post' | 'retention' =>
	param === 'pre' || param === 'post' || param === 'retention') satisfies ParamMatcher;
