import { json } from '@sveltejs/kit';
import { linkOrigin } from '$lib/server/mail';
import { achievement } from '$lib/server/certificates/credential';
import { PASS_MARK } from '$lib/server/certificates/requirements';
import { locale } from '$lib/locale';
import type { RequestHandler } from './$types';

/** The achievement every certificate is for, with its criteria (public). */
export const GET: RequestHandler = ({ url }) =>
	json(achievement(linkOrigin(url), locale(), PASS_MARK), { headers: { 'cache-control': 'public, max-age=3600' } });
