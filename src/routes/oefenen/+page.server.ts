import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guards';
import { practiceClock } from '$lib/server/practice/request';
import { drillSummary, ladderOf } from '$lib/server/practice/present';
import { practiceToday } from '$lib/server/practice/today';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ cookies }) => {
	const user = requireUser();
	const today = await practiceToday(await db(), user.id, course.practice.drills, practiceClock(cookies));
	const l = locale();
	return {
		intro: course.practice.intro ? { title: course.practice.intro.title[l], html: course.practice.intro.html[l] } : null,
		level: today.level,
		due: today.due.map((d) => drillSummary(d, l, today.marks.get(d.id))),
		next: today.next ? drillSummary(today.next, l, today.marks.get(today.next.id)) : null,
		count: today.count,
		ladder: ladderOf(l, today.marks)
	};
};
