import { redirect } from '@sveltejs/kit';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/policy';
import { confirmPassword } from '$lib/server/account/confirm';
import { exportFileName, exportOf } from '$lib/server/account/export';
import { readForm } from '$lib/server/forms';
import type { RequestHandler } from './$types';

/** A plain form post answers with the file as an attachment, so it works without JavaScript. */
export const POST: RequestHandler = async ({ locals, url, request }) => {
	// After logging in again, come back to the page, not to this POST-only address.
	const user = requireUser(locals, new URL('/my-data', url));
	const password = (await readForm(request)).get('password');
	const database = await db();
	const confirmed = await confirmPassword(database, user, typeof password === 'string' ? password : '');
	if (!confirmed.ok) {
		redirect(303, confirmed.reason === 'throttled' ? `/my-data?export=throttled&wait=${confirmed.waitSeconds}#export` : '/my-data?export=wrong#export');
	}
	const data = await exportOf(database, user.id);
	return new Response(JSON.stringify(data, null, '\t'), {
		headers: {
			'content-type': 'application/json; charset=utf-8',
			'content-disposition': `attachment; filename="${exportFileName()}"`,
			'cache-control': 'no-store'
		}
	});
};
