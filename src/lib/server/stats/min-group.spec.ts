import { describe, expect, it } from 'vitest';
import { fromGroup, MIN_GROUP } from './min-group';

describe('k >= 3', () => {
	it('computes from three members and gives nothing below', () => {
		const count = (group: readonly number[]) => group.length;
		expect(MIN_GROUP).toBe(3);
		expect(fromGroup([1, 2, 3], count)).toBe(3);
		expect(fromGroup([1, 2], count)).toBeNull();
		expect(fromGroup([], count)).toBeNull();
	});
});
