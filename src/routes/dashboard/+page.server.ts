import { getLocale } from '$lib/paraglide/runtime';
import { course, type Locale } from '$lib/server/content';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/policy';
import { learnerProgress, summarise } from '$lib/server/learning/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = requireUser(locals, url);
	const locale = getLocale() as Locale;
	const { modules, resume } = summarise(course, await learnerProgress(await db(), user.id));
	const resumeItem = resume ? course.items.get(resume.itemId) : undefined;
	return {
		name: user.displayName,
		resume: resume && resumeItem ? { url: `/modules/${resume.moduleId}/${resume.itemId}`, title: resumeItem.title[locale] } : null,
		modules: course.modules.map((m, i) => ({
			id: m.id,
			order: m.order,
			title: m.title[locale],
			summary: m.summary[locale],
			minutes: m.minutes,
			done: modules[i]?.done ?? 0,
			total: modules[i]?.total ?? m.items.length,
			resumeUrl: `/modules/${m.id}/${modules[i]?.resumeItemId ?? m.items[0]?.id}`
		}))
	};
};
