import { locale } from '$lib/locale';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireAdmin } from '$lib/server/guards';
import { FLAGS, itemAnalysis, studyLoad } from '$lib/server/assessment/analysis';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	requireAdmin();
	const database = await db();
	const test = course.test;
	const [items, load] = await Promise.all([test ? itemAnalysis(database, test) : [], studyLoad(database, course)]);
	const title = (id: string) => course.modules.find((m) => m.id === id)?.title[locale()] ?? id;
	const itemTitle = (id: string) => course.items.get(id)?.title[locale()] ?? id;
	return {
		hasTest: test !== null,
		flags: { minAttempts: FLAGS.minAttempts, unusedAfter: FLAGS.unusedDistractorAfter },
		modules: course.modules.map((m) => ({
			id: m.id,
			order: m.order,
			title: m.title[locale()],
			items: items.filter((s) => s.moduleId === m.id).map((s) => ({ ...s, promptHtml: test?.items.get(s.itemId)?.promptHtml[locale()] ?? '' }))
		})),
		load: {
			modules: load.modules.map((l) => ({ ...l, title: title(l.moduleId), items: l.items.map((i) => ({ ...i, title: itemTitle(i.itemId) })) })),
			course: load.course
		}
	};
};
