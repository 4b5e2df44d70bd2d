/** The part of autocannon 8's API the benchmark uses (the package ships no types). */
declare module 'autocannon' {
	import type { EventEmitter } from 'node:events';

	export type Request = {
		method?: string;
		path?: string;
		headers?: Record<string, string>;
		body?: string | Buffer;
		onResponse?: (status: number, body: string, context: Record<string, unknown>, headers: Record<string, string>) => void;
	};

	export interface Client extends EventEmitter {
		setRequests(requests: Request[]): void;
		setHeadersAndBody(headers: Record<string, string> | undefined, body: string | Buffer | undefined): void;
	}

	export type Options = {
		url: string;
		connections?: number;
		duration?: number;
		amount?: number;
		timeout?: number;
		pipelining?: number;
		method?: string;
		headers?: Record<string, string>;
		body?: string;
		requests?: Request[];
		setupClient?: (client: Client) => void;
	};

	export type Histogram = { average: number; mean: number; stddev: number; min: number; max: number; p50: number; p90: number; p97_5: number; p99: number };

	export type Result = {
		requests: Histogram & { total: number };
		latency: Histogram;
		throughput: Histogram & { total: number };
		duration: number;
		errors: number;
		timeouts: number;
		mismatches: number;
		non2xx: number;
		statusCodeStats: Record<string, { count: number }>;
	};

	export interface Instance extends EventEmitter, PromiseLike<Result> {
		stop(): void;
	}

	function autocannon(options: Options): Instance;
	export default autocannon;
}
