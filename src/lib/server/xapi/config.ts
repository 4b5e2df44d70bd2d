/**
 * The installation's Learning Record Store, from the environment (README, Configuration). Without
 * XAPI_ENDPOINT nothing is queued for it; cmi5 launches bring their own LRS and are queued regardless.
 */
import type { Course } from '../content';

export type XapiConfig = {
	/** The LRS's xAPI base, ending in a slash: statements go to `${endpoint}statements`. */
	endpoint: string;
	key: string;
	secret: string;
	/** Send what learners typed (free-text answers); off unless XAPI_FREE_TEXT=1. */
	freeText: boolean;
	/** Where activity ids and the actor's homePage live: the installation's public origin. */
	origin: string;
};

/** Reads the settings; an endpoint without key, secret or origin stops the app at start rather than queue what cannot be sent. */
export function configFromEnv(env: Record<string, string | undefined> = process.env): XapiConfig | null {
	const endpoint = env.XAPI_ENDPOINT?.trim();
	if (!endpoint) return null;
	const { XAPI_KEY: key, XAPI_SECRET: secret, ORIGIN: origin } = env;
	if (!key || !secret) throw new Error('XAPI_ENDPOINT is set, but XAPI_KEY or XAPI_SECRET is not');
	if (!origin) throw new Error('XAPI_ENDPOINT is set, but ORIGIN is not: activity ids are IRIs under the public origin');
	return { endpoint: endpoint.endsWith('/') ? endpoint : `${endpoint}/`, key, secret, freeText: env.XAPI_FREE_TEXT === '1', origin: new URL(origin).origin };
}

type Holder = { ontroerdXapi?: XapiConfig | null };
const holder = globalThis as Holder;

/** The installation's LRS, or null; read once per process. */
export function xapiConfig(): XapiConfig | null {
	if (holder.ontroerdXapi === undefined) holder.ontroerdXapi = configFromEnv();
	return holder.ontroerdXapi;
}

/** For tests: another LRS (or none) for this process. */
export function setXapiConfig(config: XapiConfig | null): void {
	holder.ontroerdXapi = config;
}

type CourseHolder = { ontroerdXapiCourse?: Course };
const courseHolder = globalThis as CourseHolder;

/**
 * The course the statements describe (module titles, which items finish a module), registered by the
 * server at start; the command-line scripts register none and so record nothing.
 */
export function registerXapiCourse(course: Course): void {
	courseHolder.ontroerdXapiCourse = course;
}

export function xapiCourse(): Course | undefined {
	return courseHolder.ontroerdXapiCourse;
}
