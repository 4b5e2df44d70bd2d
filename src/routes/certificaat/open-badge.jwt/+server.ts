import { db } from '$lib/server/db';
import { linkOrigin } from '$lib/server/mail';
import { attachment, ownCertificate } from '$lib/server/certificates/downloads';
import { credentialOf, signCredential } from '$lib/server/certificates/credential';
import type { RequestHandler } from './$types';

/** The credential signed as a VC-JWT with the installation's credential key. */
export const GET: RequestHandler = async ({ url }) => {
	const certificate = await ownCertificate('/certificaat');
	const database = await db();
	const jwt = await signCredential(database, await credentialOf(database, certificate, linkOrigin(url)));
	return new Response(jwt, { headers: attachment('application/jwt', `ontroerd-open-badge-${certificate.number}.jwt`) });
};
