import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { createLogger, errorFields, logEvent, withRequestContext } from './log';

function capture() {
	const lines: Record<string, unknown>[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
			done();
		}
	});
	return { lines, logger: createLogger(stream, 'info') };
}

describe('the logger', () => {
	it('stamps an event with the request context: request id, IP, user id and route', () => {
		const { lines, logger } = capture();
		withRequestContext({ requestId: 'req-1', ip: '10.0.0.7', route: '/login', method: 'POST', userId: 'u-1' }, () =>
			logEvent('login.ok', { rememberMe: true }, 'info', logger)
		);
		logEvent('retention.purged', { sessions: 2 }, 'info', logger);
		expect(lines[0]).toMatchObject({
			level: 'info',
			event: 'login.ok',
			requestId: 'req-1',
			ip: '10.0.0.7',
			userId: 'u-1',
			route: '/login',
			method: 'POST',
			rememberMe: true
		});
		expect(lines[1]).toMatchObject({ event: 'retention.purged', sessions: 2 });
		expect(lines[1]).not.toHaveProperty('requestId');
	});

	it('redacts secret-named fields, at the top level and one level down, as a second line of defence', () => {
		const { lines, logger } = capture();
		logger.info({
			event: 'x',
			password: 'geheim wachtwoord',
			token: 'abc',
			body: 'mijn tranen',
			user: { email: 'a@b.nl', newPassword: 'p' },
			req: { headers: { cookie: '__Host-session=t' } }
		});
		const raw = JSON.stringify(lines[0]);
		for (const secret of ['geheim wachtwoord', 'abc', 'mijn tranen', 'a@b.nl', '"p"', '__Host-session=t']) expect(raw).not.toContain(secret);
		expect(lines[0]).toMatchObject({ password: '[redacted]', body: '[redacted]', user: { email: '[redacted]' } });
	});

	it('writes one JSON line per event, whatever the fields hold (no forged lines)', () => {
		const { lines, logger } = capture();
		logEvent('authz.refused', { what: 'cohort\n{"event":"login.ok","userId":"admin"}' }, 'warn', logger);
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ level: 'warn', event: 'authz.refused' });
	});

	it("keeps a failed query's SQL but not its parameters (a reflection's text, a password hash)", () => {
		const error = new DrizzleQueryError(
			'insert into "reflections" ("body") values ($1)',
			['mijn geheime reflectie'],
			Object.assign(new Error('boom'), { code: '23505' })
		);
		const fields = errorFields(error);
		expect(JSON.stringify(fields)).not.toContain('mijn geheime reflectie');
		expect(fields).toMatchObject({ query: 'insert into "reflections" ("body") values ($1)', sqlState: '23505' });
		expect(errorFields('plain')).toEqual({ error: 'plain' });
	});
});
