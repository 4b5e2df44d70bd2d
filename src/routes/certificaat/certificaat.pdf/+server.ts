import { db } from '$lib/server/db';
import { linkOrigin } from '$lib/server/mail';
import { attachment, ownCertificate } from '$lib/server/certificates/downloads';
import { certificatePdf } from '$lib/server/certificates/pdf';
import { PASS_MARK } from '$lib/server/certificates/requirements';
import { passMarkOf } from '$lib/server/certificates/credential';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ url }) => {
	const certificate = await ownCertificate('/certificaat');
	const passMark = (await passMarkOf(await db(), certificate)) ?? PASS_MARK;
	const pdf = await certificatePdf({ certificate, origin: linkOrigin(url), passMark });
	return new Response(pdf as Uint8Array<ArrayBuffer>, { headers: attachment('application/pdf', `ontroerd-certificaat-${certificate.number}.pdf`) });
};
