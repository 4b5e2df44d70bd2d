/**
 * SvelteKit's cross-site form check (kit.csrf), done here instead so that the two LTI endpoints a platform posts
 * to from its own origin may take the post: the login initiation and the launch. svelte.config.js turns the
 * built-in check off (trustedOrigins: ['*']); every other path is refused exactly as SvelteKit refused it.
 */
export const CROSS_SITE_FORM_PATHS = ['/lti/login', '/lti/launch'];

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'];

export function crossSiteFormRefused(request: Request, url: URL): boolean {
	if (!UNSAFE.includes(request.method)) return false;
	const type = request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
	if (!FORM_TYPES.includes(type)) return false;
	if (request.headers.get('origin') === url.origin) return false;
	return !CROSS_SITE_FORM_PATHS.includes(url.pathname);
}
