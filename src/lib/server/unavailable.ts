/** A self-contained 503 page for when the database is away: no database, no layout, no script needed. */
export function unavailablePage(request: Request): Response {
	const cookie = request.headers.get('cookie') ?? '';
	const en = /PARAGLIDE_LOCALE=en/.test(cookie) || (!/PARAGLIDE_LOCALE=nl/.test(cookie) && /^en/i.test(request.headers.get('accept-language') ?? ''));
	const t = en
		? {
				lang: 'en',
				title: 'Back in a moment',
				body: 'Ontroerd cannot reach its database right now. Nothing you saved is lost. Please try again in a minute.',
				retry: 'Try again'
			}
		: {
				lang: 'nl',
				title: 'Zo weer terug',
				body: 'Ontroerd kan de database nu even niet bereiken. Niets van wat je hebt opgeslagen is verloren. Probeer het over een minuut opnieuw.',
				retry: 'Opnieuw proberen'
			};
	const html = `<!doctype html><html lang="${t.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.title} — Ontroerd</title></head>
<body><main><h1>${t.title}</h1><p>${t.body}</p><p><a href="">${t.retry}</a></p></main></body></html>`;
	return new Response(html, {
		status: 503,
		headers: { 'content-type': 'text/html; charset=utf-8', 'retry-after': '10', 'cache-control': 'no-store' }
	});
}
