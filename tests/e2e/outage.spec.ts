import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { linkIn, waitForMail } from './helpers';

/**
 * The database goes away and comes back: the app answers a friendly 503 meanwhile, keeps running,
 * and serves again without a restart. The app reaches PostgreSQL through a loopback TCP proxy that
 * the test can cut. Needs a PostgreSQL server (DATABASE_URL), as CI has; the embedded database cannot go away.
 */
const url = process.env.DATABASE_URL;
test.skip(!url, 'needs DATABASE_URL (a PostgreSQL server); CI runs it');

function proxy(port: number, target: URL): Promise<{ server: Server; close: () => Promise<void> }> {
	const sockets = new Set<Socket>();
	const server = createServer((client) => {
		const upstream = connect(Number(target.port || 5432), target.hostname);
		for (const s of [client, upstream]) {
			sockets.add(s);
			s.on('error', () => s.destroy());
			s.on('close', () => sockets.delete(s));
		}
		client.pipe(upstream).pipe(client);
	});
	return new Promise((resolve) =>
		server.listen(port, '127.0.0.1', () =>
			resolve({
				server,
				close: () =>
					new Promise<void>((done) => {
						for (const s of sockets) s.destroy();
						server.close(() => done());
					})
			})
		)
	);
}

async function waitFor(check: () => Promise<boolean>, seconds: number): Promise<number> {
	const start = Date.now();
	while (Date.now() - start < seconds * 1000) {
		if (await check().catch(() => false)) return (Date.now() - start) / 1000;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`not within ${seconds} s`);
}

// eslint-disable-next-line no-empty-pattern -- Playwright reads the fixtures a test uses from its first parameter's destructuring; `{}` asks for none
test('a PostgreSQL outage gives a friendly 503 and the app recovers by itself', async ({}, testInfo) => {
	test.skip(testInfo.project.name !== 'js', 'one run is enough: this test drives the server directly');
	test.setTimeout(90_000);
	const target = new URL(url ?? '');
	const proxyPort = 15_400 + Math.floor(Math.random() * 500);
	const appPort = 14_400 + Math.floor(Math.random() * 500);
	const viaProxy = new URL(target);
	viaProxy.hostname = '127.0.0.1';
	viaProxy.port = String(proxyPort);
	const base = `http://127.0.0.1:${appPort}`;

	let tunnel = await proxy(proxyPort, target);
	let app: ChildProcess | undefined;
	try {
		app = spawn('node', ['build'], {
			env: { ...process.env, PORT: String(appPort), HOST: '127.0.0.1', ORIGIN: base, DATABASE_URL: viaProxy.toString(), MAIL_DIR: process.env.E2E_MAIL_DIR },
			stdio: 'ignore'
		});
		await waitFor(async () => (await fetch(`${base}/healthz`)).status === 200, 30);

		const email = `outage-${Date.now()}@example.nl`;
		const registered = await fetch(`${base}/register`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ email, displayName: 'Storing', password: 'een rustige lange zin' })
		});
		expect(registered.status).toBe(303);
		const confirmed = await fetch(`${base}${linkIn(await waitForMail(email), '/register/confirm/')}`, {
			method: 'POST',
			redirect: 'manual',
			headers: { origin: base, accept: 'text/html', 'content-type': 'application/x-www-form-urlencoded' },
			body: ''
		});
		expect(confirmed.status).toBe(303);
		const cookie = (confirmed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const dashboard = () => fetch(`${base}/dashboard`, { headers: { cookie, accept: 'text/html' }, redirect: 'manual' });
		expect((await dashboard()).status).toBe(200);

		await tunnel.close();
		const down = await dashboard();
		expect(down.status).toBe(503);
		expect(await down.text()).toContain('Zo weer terug');
		expect((await fetch(`${base}/healthz`)).status).toBe(503);
		expect(app.exitCode).toBeNull();

		tunnel = await proxy(proxyPort, target);
		const seconds = await waitFor(async () => (await dashboard()).status === 200, 10);
		testInfo.annotations.push({ type: 'recovered after', description: `${seconds.toFixed(1)} s` });
		expect((await fetch(`${base}/healthz`)).status).toBe(200);
	} finally {
		app?.kill('SIGTERM');
		await tunnel.close();
	}
});
