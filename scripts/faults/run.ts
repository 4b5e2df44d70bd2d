/**
 * What the scenarios under load share: the app (replaced when a scenario kills it), the writers with
 * their sessions, and a direct look at the database.
 */
import type postgres from 'postgres';
import type { Cluster } from '../lib/pg-cluster';
import { waitHealthy, type App } from '../lib/node-build';
import { startFaultApp } from './app';
import type { Writer } from './writers';
import type { Lrs } from './lrs';
import type { Check } from './verify';

export type Run = {
	/** The running app; a scenario that kills it puts the restarted one here. */
	app: App;
	port: number;
	env: Record<string, string>;
	base: () => string;
	cluster: Cluster;
	writers: Writer[];
	/** A group with writer 0 in it, whose discussion stream the SIGTERM scenario holds open. */
	groupId: string;
	sql: postgres.Sql;
	/** The LRS double the app sends its xAPI statements to. */
	lrs: Lrs;
	check: () => Promise<Check>;
	log: (line: string) => void;
};

/** Starts the app again on the same port and waits until it is healthy (false if it is not within `seconds`). */
export async function restart(run: Run, seconds = 30): Promise<boolean> {
	run.app = startFaultApp(run.port, run.env);
	return waitHealthy(run.app, seconds);
}

/** One scenario's failure must not hide the next one's figures: bring the app back if it died. */
export async function ensureApp(run: Run): Promise<void> {
	if (run.app.alive()) return;
	run.log('the app had exited; starting it again for the next scenario');
	await restart(run);
}
