/**
 * The browser's side of recording active study time (issue 12): counts the milliseconds an item page
 * is visible and the learner has given a sign of life (input, scroll, focus) within the idle cutoff.
 * Pure and clocked from outside, so the arithmetic is unit-tested (study-clock.spec.ts); the item
 * page's StudyClock.svelte feeds it events and sends what it counted as heartbeats.
 */

/** A heartbeat is sent at most this often, and the server credits at most this much per heartbeat. */
export const HEARTBEAT_SECONDS = 30;
/** No input, scroll or focus for this long: the learner is away, and the time after it is not counted. */
export const IDLE_SECONDS = 120;

export class StudyClock {
	private pendingMs = 0;
	private countedUntil: number;
	private lastInput: number;
	private visible: boolean;

	constructor(now: number, visible: boolean) {
		this.countedUntil = now;
		this.lastInput = now;
		this.visible = visible;
	}

	/**
	 * Counts [countedUntil, now] up to the idle deadline. Every input advances first, so the last input
	 * is never later than countedUntil and one subtraction is the whole rule.
	 */
	advance(now: number): void {
		if (this.visible) this.pendingMs += Math.max(0, Math.min(now, this.lastInput + IDLE_SECONDS * 1000) - this.countedUntil);
		this.countedUntil = Math.max(this.countedUntil, now);
	}

	/** Keyboard, pointer, scroll or focus: the learner is here. */
	input(now: number): void {
		this.advance(now);
		this.lastInput = now;
	}

	/** A hidden tab counts nothing; coming back counts as input. */
	visibility(now: number, visible: boolean): void {
		this.advance(now);
		this.visible = visible;
		if (visible) this.lastInput = now;
	}

	/** Whole seconds to send (at most one heartbeat's worth); the remainder waits for the next one. */
	take(now: number): number {
		this.advance(now);
		const seconds = Math.min(HEARTBEAT_SECONDS, Math.floor(this.pendingMs / 1000));
		this.pendingMs -= seconds * 1000;
		return seconds;
	}
}
