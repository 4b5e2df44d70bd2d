/** What a bench scenario is, and what its plans need to know of the running benchmark. */
import type { Plan } from '../load';

export type Scenario = { name: string; kind: 'page' | 'write'; plan: (connection: number) => Plan };

/** The server's address and each seeded learner's session cookie. */
export type Site = { base: string; cookieOf: (learnerId: string) => string };

export const html = { accept: 'text/html' };
