/**
 * A private PostgreSQL cluster in a temp folder on a free loopback port, for runs that stop or
 * break the database on purpose (the fault run) and so must never touch a shared server.
 * initdb refuses to run as root: as root the binaries run as the `postgres` user.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { freePort } from './free-port';

export type Cluster = {
	port: number;
	/** A connection URL for the superuser to `database`. */
	url: (database?: string) => string;
	/** pg_ctl stop in the given mode ('immediate' is a crash: no checkpoint, recovery on the next start). */
	stop: (mode: 'fast' | 'immediate') => void;
	/** pg_ctl start, returning once the server accepts connections. */
	start: () => void;
	/** Stops the server (if running) and deletes the folder. */
	destroy: () => void;
};

/** The newest installed PostgreSQL's bin folder, or null with the reason. */
export function findPgBin(): { bin: string } | { missing: string } {
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin', 'initdb'))) : [];
	const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
	if (!newest) return { missing: `no PostgreSQL server binaries (initdb, pg_ctl) under ${root}/*/bin: install Debian's "postgresql" package` };
	return { bin: join(root, newest, 'bin') };
}

export async function createCluster(bin: string): Promise<Cluster> {
	const asRoot = userInfo().uid === 0;
	const base = mkdtempSync(join(tmpdir(), 'ontroerd-pg-'));
	const data = join(base, 'data');
	const password = randomBytes(18).toString('hex');
	const pwfile = join(base, 'pw');
	writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
	if (asRoot) {
		const pg = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
		const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
		if (pg.status !== 0) throw new Error('running as root, but there is no "postgres" user to run initdb as');
		const [uid, g] = [Number(pg.stdout.trim()), Number(gid.stdout.trim())];
		chownSync(base, uid, g);
		chownSync(pwfile, uid, g);
	}
	chmodSync(base, 0o700);
	const run = (cmd: string, args: string[]) => {
		const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]] : [join(bin, cmd), args];
		const r = spawnSync(file, argv, { encoding: 'utf8', cwd: base });
		if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || r.stdout).trim().slice(-800)}`);
	};
	run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
	const port = await freePort();
	const options = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${base} -c max_connections=200`;
	let running = false;
	const cluster: Cluster = {
		port,
		url: (database = 'postgres') => `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
		start: () => {
			run('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(base, 'log'), '-o', options]);
			running = true;
		},
		stop: (mode) => {
			run('pg_ctl', ['stop', '-D', data, '-w', '-m', mode]);
			running = false;
		},
		destroy: () => {
			try {
				if (running) cluster.stop('immediate');
			} finally {
				rmSync(base, { recursive: true, force: true });
			}
		}
	};
	try {
		cluster.start();
	} catch (error) {
		rmSync(base, { recursive: true, force: true });
		throw error;
	}
	return cluster;
}
