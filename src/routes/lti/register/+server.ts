import { m } from '$lib/paraglide/messages';
import { db } from '$lib/server/db';
import { ltiPage } from '$lib/server/lti/html';
import { register, type RegistrationError } from '$lib/server/lti/registration';
import type { RequestHandler } from './$types';

const problems: Record<RegistrationError, () => string> = {
	'invalid-link': m.lti_register_invalid_link,
	'bad-configuration': m.lti_register_bad_configuration,
	'platform-refused': m.lti_register_platform_refused,
	exists: m.lti_register_exists
};

/**
 * LTI Dynamic Registration: the platform opens this URL (often in a frame of its admin page) with
 * `openid_configuration` and `registration_token`; the answer tells it to close (org.imsglobal.lti.close).
 */
export const GET: RequestHandler = async ({ url }) => {
	const openidConfiguration = url.searchParams.get('openid_configuration') ?? '';
	const framers: string[] = [];
	try {
		framers.push(new URL(openidConfiguration).origin);
	} catch {
		// no frame allowed then
	}
	const result = await register(await db(), {
		token: url.searchParams.get('t') ?? '',
		openidConfiguration,
		registrationToken: url.searchParams.get('registration_token') ?? undefined,
		toolOrigin: url.origin
	});
	if (!result.ok) return ltiPage({ status: 400, title: m.lti_register_failed_title(), paragraphs: [problems[result.error]()], frameAncestors: framers });
	return ltiPage({
		title: m.lti_register_done_title(),
		paragraphs: [m.lti_register_done_body({ name: result.platform.name })],
		frameAncestors: framers,
		closeRegistration: true
	});
};
