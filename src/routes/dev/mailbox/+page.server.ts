import { dev } from '$app/environment';
import { readMailbox } from '$lib/server/mail';
import { notFound } from '$lib/server/policy';
import type { PageServerLoad } from './$types';

/** The mails of a server without SMTP, on the dev server only: a production build answers 404. */
export const load: PageServerLoad = () => {
	if (!dev) notFound();
	return { mails: readMailbox() };
};
