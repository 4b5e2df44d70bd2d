/**
 * No figure about people from fewer than MIN_GROUP of them: below it a mean is one person's score read off
 * by subtraction. Every aggregate of the rated practice (cohort means, change, agreement) goes through here.
 */
export const MIN_GROUP = 3;

/** `compute(group)` when the group holds at least MIN_GROUP members, otherwise nothing. */
export function fromGroup<T, R>(group: readonly T[], compute: (group: readonly T[]) => R): R | null {
	return group.length >= MIN_GROUP ? compute(group) : null;
}
