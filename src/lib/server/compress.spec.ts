import { describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { acceptsGzip, compressResponse } from './compress';

const page = '<!doctype html><p>' + 'Tranen in de therapiekamer. '.repeat(200) + '</p>';
const request = (encoding: string | null, method = 'GET') =>
	new Request('http://localhost/dashboard', { method, headers: encoding ? { 'accept-encoding': encoding } : {} });
const html = (body = page, headers: Record<string, string> = {}) => new Response(body, { headers: { 'content-type': 'text/html; charset=utf-8', ...headers } });

describe('compressResponse', () => {
	it('gzips a rendered page for a browser that accepts gzip, and the bytes come back the same', async () => {
		const response = compressResponse(request('gzip, deflate, br'), html(page, { etag: '"abc"' }));
		expect(response.headers.get('content-encoding')).toBe('gzip');
		expect(response.headers.get('vary')).toMatch(/Accept-Encoding/);
		expect(response.headers.get('etag')).toBe('W/"abc"');
		const bytes = Buffer.from(await response.arrayBuffer());
		expect(bytes.length).toBeLessThan(page.length / 5);
		expect(gunzipSync(bytes).toString()).toBe(page);
	});

	it('keeps every cookie the page sets', () => {
		const res = html();
		res.headers.append('set-cookie', 'a=1; Path=/');
		res.headers.append('set-cookie', 'b=2; Path=/');
		expect(compressResponse(request('gzip'), res).headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
	});

	it('leaves alone what it should not compress', () => {
		const untouched = (req: Request, res: Response) => expect(compressResponse(req, res).headers.get('content-encoding')).toBeNull();
		untouched(request(null), html());
		untouched(request('gzip;q=0, identity'), html());
		untouched(request('gzip', 'HEAD'), html());
		untouched(request('gzip'), new Response('data: {}\n\n', { headers: { 'content-type': 'text/event-stream' } }));
		untouched(request('gzip'), html('<p>kort</p>', { 'content-length': '11' }));
		expect(compressResponse(request('gzip'), html(page, { 'content-encoding': 'br' })).headers.get('content-encoding')).toBe('br');
	});

	it('passes an uncompressed page on as it is, with Vary, and copies only a response whose headers are immutable', async () => {
		const res = html();
		const plain = compressResponse(request(null), res);
		expect(plain).toBe(res);
		expect(plain.headers.get('vary')).toBe('Accept-Encoding');
		const immutable = await fetch('data:text/html,' + encodeURIComponent(page));
		const copied = compressResponse(request('identity'), immutable);
		expect(copied).not.toBe(immutable);
		expect(copied.headers.get('vary')).toBe('Accept-Encoding');
		expect(await copied.text()).toBe(page);
	});

	it('reads Accept-Encoding as browsers and proxies send it', () => {
		expect(acceptsGzip('gzip')).toBe(true);
		expect(acceptsGzip('br, GZIP;q=0.8')).toBe(true);
		expect(acceptsGzip('*')).toBe(true);
		expect(acceptsGzip('identity')).toBe(false);
		expect(acceptsGzip('gzip;q=0')).toBe(false);
		expect(acceptsGzip(null)).toBe(false);
	});
});
