import { describe, expect, it } from 'vitest';
import { HEARTBEAT_SECONDS, IDLE_SECONDS, StudyClock } from './study-clock';

const s = (seconds: number) => seconds * 1000;

describe('the study clock', () => {
	it('counts visible time while the learner keeps giving signs of life', () => {
		const clock = new StudyClock(0, true);
		clock.input(s(20));
		expect(clock.take(s(25))).toBe(25);
		expect(clock.take(s(25))).toBe(0);
	});

	it('stops counting at the idle cutoff after the last input, and resumes at the next', () => {
		const clock = new StudyClock(0, true);
		expect(clock.take(s(10))).toBe(10);
		// Nothing happens for 10 minutes: only up to IDLE_SECONDS after the start counts.
		let counted = 0;
		for (let t = 40; t <= 600; t += 30) counted += clock.take(s(t));
		expect(counted + 10).toBe(IDLE_SECONDS);
		clock.input(s(900));
		expect(clock.take(s(915))).toBe(15);
	});

	it('counts nothing while the tab is hidden, and coming back counts as input', () => {
		const clock = new StudyClock(0, true);
		clock.visibility(s(5), false);
		expect(clock.take(s(5))).toBe(5);
		expect(clock.take(s(500))).toBe(0);
		clock.visibility(s(1000), true);
		expect(clock.take(s(1020))).toBe(20);
	});

	it('never hands out more than one heartbeat at a time, and keeps the rest', () => {
		const clock = new StudyClock(0, true);
		clock.input(s(50));
		expect(clock.take(s(70))).toBe(HEARTBEAT_SECONDS);
		expect(clock.take(s(70))).toBe(HEARTBEAT_SECONDS);
		expect(clock.take(s(70))).toBe(10);
	});

	it('keeps fractions of a second for later and ignores a clock that goes back', () => {
		const clock = new StudyClock(0, true);
		expect(clock.take(1500)).toBe(1);
		expect(clock.take(1000)).toBe(0);
		expect(clock.take(2000)).toBe(1);
	});
});
