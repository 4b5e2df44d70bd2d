import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { reauthenticate } from '$lib/server/account/confirm';
import { adoptSession } from '$lib/server/auth/cookies';
import { exportFileName, exportOf } from '$lib/server/account/export';
import { readForm } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/** A plain form post answers with the file as an attachment, so it works without JavaScript. */
export const POST: RequestHandler = async ({ locals, request, cookies }) => {
	// After logging in again, come back to the page, not to this POST-only address.
	const user = requireUser('/my-data');
	if (!locals.session) redirect(303, '/login');
	const password = (await readForm(request)).get('password');
	const database = await db();
	const auth = await reauthenticate(database, user, locals.session, typeof password === 'string' ? password.slice(0, 256) : '');
	if (!auth.ok) {
		redirect(303, auth.reason === 'throttled' ? `/my-data?export=throttled&wait=${auth.waitSeconds}#export` : `/my-data?export=${auth.reason}#export`);
	}
	if (auth.rotated) adoptSession(cookies, locals, auth.rotated.token, auth.rotated.session);
	const data = await exportOf(database, user.id);
	return new Response(JSON.stringify(data, null, '\t'), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName()}"`,
			'cache-control': 'no-store'
		}
	});
};
