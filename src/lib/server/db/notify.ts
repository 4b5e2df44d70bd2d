/**
 * PostgreSQL LISTEN/NOTIFY, so that a change made through one app instance reaches the
 * browsers connected to every instance. Each process LISTENs once per channel and fans the
 * payloads out to its own subscribers (SSE streams); the last one to leave ends the LISTEN.
 */
import { sql } from 'drizzle-orm';
import type { Database, Db } from './index';

type Subscriber = (payload: string) => void;
type Channel = { subscribers: Set<Subscriber>; stop: Promise<() => Promise<void>> };

const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const channels = new WeakMap<Database, Map<string, Channel>>();

function checkName(channel: string): void {
	// LISTEN takes an identifier, not a parameter: only plain lower-case names get that far.
	if (!CHANNEL_NAME.test(channel)) throw new Error(`Not a channel name: ${channel}`);
}

/** Sends a payload (under 8000 bytes: ids, never user text) to every listener on every instance. */
export async function notify(db: Db, channel: string, payload: string): Promise<void> {
	checkName(channel);
	await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}

/** Calls onPayload for every notification on the channel until the returned function is called. */
export async function subscribe(database: Database, channel: string, onPayload: Subscriber): Promise<() => Promise<void>> {
	checkName(channel);
	const open = channels.get(database) ?? new Map<string, Channel>();
	channels.set(database, open);
	let entry = open.get(channel);
	if (!entry) {
		const subscribers = new Set<Subscriber>();
		const fanOut = (payload: string) => {
			for (const subscriber of subscribers) subscriber(payload);
		};
		entry = { subscribers, stop: database.listen(channel, fanOut) };
		open.set(channel, entry);
		entry.stop.catch(() => open.delete(channel));
	}
	const current = entry;
	current.subscribers.add(onPayload);
	try {
		await current.stop;
	} catch (error) {
		current.subscribers.delete(onPayload);
		throw error;
	}
	let done = false;
	return async () => {
		if (done) return;
		done = true;
		current.subscribers.delete(onPayload);
		if (current.subscribers.size > 0 || open.get(channel) !== current) return;
		open.delete(channel);
		await (
			await current.stop
		)();
	};
}

/** How many process-local subscribers a channel has (for tests and health checks). */
export function subscriberCount(database: Database, channel: string): number {
	return channels.get(database)?.get(channel)?.subscribers.size ?? 0;
}
