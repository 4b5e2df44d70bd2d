/**
 * A Server-Sent Events response that cleans up after itself: a heartbeat comment keeps proxies
 * from closing an idle stream, and whatever `start` set up is undone when the browser leaves
 * (abort or cancel) or when the server closes the stream.
 */
export type EventSink = {
	send: (event: string, data: unknown) => void;
	close: () => void;
};

/**
 * Open streams, closed when the server is told to stop: adapter-node's graceful shutdown waits for
 * every connection to finish, and a stream never would (until SHUTDOWN_TIMEOUT). The browser's
 * EventSource reconnects to whichever server comes next. The signal handlers exist only while a stream is open.
 */
const open = new Set<EventSink>();
const closeAll = () => {
	for (const sink of [...open]) sink.close();
};
function track(sink: EventSink): void {
	if (open.size === 0) {
		process.on('SIGTERM', closeAll);
		process.on('SIGINT', closeAll);
	}
	open.add(sink);
}
function untrack(sink: EventSink): void {
	if (!open.delete(sink) || open.size > 0) return;
	process.off('SIGTERM', closeAll);
	process.off('SIGINT', closeAll);
}

type Options = {
	/** Sets up the sources of events; returns how to undo that. */
	start: (sink: EventSink) => Promise<() => Promise<void>>;
	/** Runs with every heartbeat: the place to re-check that the client may still listen. */
	beat?: (sink: EventSink) => Promise<void>;
	heartbeatMs?: number;
};

export function eventStream(signal: AbortSignal, { start, beat, heartbeatMs = 25_000 }: Options): Response {
	const encoder = new TextEncoder();
	let closed = false;
	let stop: (() => Promise<void>) | undefined;
	let timer: ReturnType<typeof setInterval> | undefined;
	let tracked: EventSink | undefined;

	const finish = () => {
		clearInterval(timer);
		if (tracked) untrack(tracked);
		signal.removeEventListener('abort', onAbort);
		if (stop) void stop().catch(() => {});
	};
	const onAbort = () => {
		if (closed) return;
		closed = true;
		finish();
	};

	const body = new ReadableStream<Uint8Array>({
		async start(controller) {
			const write = (text: string) => {
				if (!closed) controller.enqueue(encoder.encode(text));
			};
			const sink: EventSink = {
				send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
				close: () => {
					if (closed) return;
					closed = true;
					finish();
					controller.close();
				}
			};
			tracked = sink;
			track(sink);
			signal.addEventListener('abort', onAbort, { once: true });
			write('retry: 5000\n: connected\n\n');
			timer = setInterval(() => {
				write(': heartbeat\n\n');
				if (beat) void beat(sink).catch(() => sink.close());
			}, heartbeatMs);
			try {
				stop = await start(sink);
			} catch {
				sink.close();
				return;
			}
			// The browser may have left while we were still setting up.
			if (closed) void stop().catch(() => {});
		},
		cancel: onAbort
	});

	return new Response(body, {
		headers: {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-store',
			Connection: 'keep-alive',
			'X-Accel-Buffering': 'no'
		}
	});
}
