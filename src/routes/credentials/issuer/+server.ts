import { json } from '@sveltejs/kit';
import { linkOrigin } from '$lib/server/mail';
import { issuerProfile } from '$lib/server/certificates/credential';
import { locale } from '$lib/locale';
import type { RequestHandler } from './$types';

/** The issuer's Open Badges profile (public); its keys are at /credentials/jwks. */
export const GET: RequestHandler = ({ url }) => json(issuerProfile(linkOrigin(url), locale()), { headers: { 'cache-control': 'public, max-age=3600' } });
