import { db } from '$lib/server/db';
import { linkOrigin } from '$lib/server/mail';
import { attachment, ownCertificate } from '$lib/server/certificates/downloads';
import { credentialOf } from '$lib/server/certificates/credential';
import type { RequestHandler } from './$types';

/** The credential as readable JSON; its proof is the signed JWT beside it (open-badge.jwt). */
export const GET: RequestHandler = async ({ url }) => {
	const certificate = await ownCertificate('/certificaat');
	const credential = await credentialOf(await db(), certificate, linkOrigin(url));
	return new Response(JSON.stringify(credential, null, 2), {
		headers: attachment('application/json; charset=utf-8', `ontroerd-open-badge-${certificate.number}.json`)
	});
};
