/** The signed-in learner's own certificate for the download endpoints (404 when they have none yet). */
import { error } from '@sveltejs/kit';
import { db } from '../db';
import { requireUser } from '../guards';
import { certificateOf, type OwnCertificate } from './issue';

export async function ownCertificate(returnTo: string): Promise<OwnCertificate> {
	const user = requireUser(returnTo);
	const certificate = await certificateOf(await db(), user.id);
	if (!certificate) error(404, 'error_not_found');
	return certificate;
}

/** Headers for a file the browser saves rather than shows; private, since it carries the holder's name. */
export const attachment = (type: string, filename: string) => ({
	'content-type': type,
	'content-disposition': `attachment; filename="${filename}"`,
	'cache-control': 'private, no-store'
});
