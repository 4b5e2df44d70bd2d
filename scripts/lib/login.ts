/**
 * A login through the real form, as a browser without JavaScript posts it: the benchmark learns the
 * session cookie's name from it, the fault run its writers' sessions.
 */
export type Login = { status: number; /** `name=value` of the HttpOnly cookie the answer set, if any. */ cookie?: string };

export async function logIn(base: string, email: string, password: string): Promise<Login> {
	const r = await fetch(`${base}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ email, password })
	});
	const set = r.headers.getSetCookie().find((c) => /;\s*httponly/i.test(c));
	return { status: r.status, cookie: set?.slice(0, set.indexOf(';')) };
}
