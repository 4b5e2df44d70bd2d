import { error } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { lookUpCertificate } from '$lib/server/certificates/verify';
import { certificateDate } from '$lib/server/certificates/pdf';
import { locale } from '$lib/locale';
import type { PageServerLoad } from './$types';

/** Public: no login. Holder (initials and surname), course, date and status, nothing else. */
export const load: PageServerLoad = async ({ params, getClientAddress, setHeaders }) => {
	const found = await lookUpCertificate(await db(), getClientAddress(), params.number);
	if (found.status === 'throttled') error(429, 'error_certificate_throttled');
	if (found.status === 'unknown') error(404, 'error_certificate_unknown');
	setHeaders({ 'cache-control': 'no-store' });
	const { certificate } = found;
	const lang = locale();
	return {
		number: certificate.number,
		holder: certificate.holder,
		courseTitle: certificate.courseTitle,
		issued: certificateDate(certificate.issuedAt, lang),
		revoked: certificate.revokedAt ? certificateDate(certificate.revokedAt, lang) : null
	};
};
