/**
 * Gzip for the pages and data the server renders. Static files are compressed at build time (adapter-node's
 * precompress); a reverse proxy may compress too, and then sees Content-Encoding and leaves the body alone.
 * Event streams are left as they are: gzip would hold each event back until its buffer fills.
 */
const COMPRESSIBLE = /^(text\/html|application\/json|text\/csv)\b/;
const SMALL = 1024;

export function acceptsGzip(acceptEncoding: string | null): boolean {
	return (acceptEncoding ?? '').split(',').some((part) => {
		const [name, ...params] = part.trim().toLowerCase().split(';');
		const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
		return (name === 'gzip' || name === '*') && (!q || Number(q.slice(2)) > 0);
	});
}

export function compressResponse(request: Request, response: Response): Response {
	const type = response.headers.get('content-type') ?? '';
	const length = response.headers.get('content-length');
	if (!response.body || request.method === 'HEAD' || response.status === 204 || response.status === 304) return response;
	if (!COMPRESSIBLE.test(type) || response.headers.has('content-encoding') || (length !== null && Number(length) < SMALL)) return response;
	if (!acceptsGzip(request.headers.get('accept-encoding'))) return varyOnEncoding(response);
	// A copy: a response's own headers may be immutable (one that came from fetch).
	const headers = new Headers(response.headers);
	headers.append('vary', 'Accept-Encoding');
	const init = { status: response.status, statusText: response.statusText, headers };
	headers.set('content-encoding', 'gzip');
	headers.delete('content-length');
	// A strong ETag names the uncompressed bytes; the gzipped ones are only weakly the same.
	const etag = headers.get('etag');
	if (etag && !etag.startsWith('W/')) headers.set('etag', `W/${etag}`);
	return new Response(response.body.pipeThrough(new CompressionStream('gzip')), init);
}

/**
 * The response itself, uncompressed, with Vary set: no copy of its headers and no new Response for every page
 * the benchmark (which asks for no gzip) reads (issue 19). Only a response with immutable headers is copied.
 */
function varyOnEncoding(response: Response): Response {
	try {
		response.headers.append('vary', 'Accept-Encoding');
		return response;
	} catch {
		const headers = new Headers(response.headers);
		headers.append('vary', 'Accept-Encoding');
		return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
	}
}
