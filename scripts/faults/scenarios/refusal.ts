/**
 * "Acknowledged means durable": `node build` must refuse to start against a server that has fsync
 * off (ALTER SYSTEM + reload) or a database with synchronous_commit off (ALTER DATABASE), and say why.
 */
import type postgres from 'postgres';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../lib/free-port';
import { stopApp } from '../../lib/node-build';
import type { Cluster } from '../../lib/pg-cluster';
import { startFaultApp } from '../app';
import { report } from '../report';

async function refuses(url: string, setting: string): Promise<{ ok: boolean; line: string }> {
	const app = startFaultApp(await freePort(), { DATABASE_URL: url });
	const exit = await Promise.race([app.exited, sleep(30_000).then(() => null)]);
	await stopApp(app);
	const said =
		app
			.output()
			.split('\n')
			.find((l) => l.includes(`${setting} off`)) ?? '';
	const ok = exit !== null && exit.code !== 0 && said !== '';
	const how = exit ? `exited with code ${exit.code ?? exit.signal}` : 'was still running after 30 s';
	return { ok, line: `${setting} off: node build ${how}; its message: ${said.trim().slice(0, 200) || '(none naming the setting)'}` };
}

export async function durabilityRefusal(cluster: Cluster, admin: postgres.Sql, url: string, log: (l: string) => void): Promise<void> {
	log('refusal: a database with synchronous_commit off, then a server with fsync off');
	await admin.unsafe('create database ontroerd_unsafe');
	await admin.unsafe('alter database ontroerd_unsafe set synchronous_commit = off');
	const sync = await refuses(cluster.url('ontroerd_unsafe'), 'synchronous_commit');
	await admin.unsafe('alter system set fsync = off');
	await admin.unsafe('select pg_reload_conf()');
	await sleep(300);
	const fsync = await refuses(url, 'fsync');
	await admin.unsafe('alter system reset fsync');
	await admin.unsafe('select pg_reload_conf()');
	await sleep(300);
	const [row] = await admin.unsafe<{ fsync: string }[]>('show fsync');
	report('refuses to start when fsync or synchronous_commit is off, saying why', sync.ok && fsync.ok && row?.fsync === 'on', [sync.line, fsync.line]);
}
