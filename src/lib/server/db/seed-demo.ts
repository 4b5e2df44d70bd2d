/**
 * The demo people a newcomer logs in as. Only ever seeded into the embedded database on first start,
 * or on a server by an explicit `npm run db:seed-demo`.
 */
import { count } from 'drizzle-orm';
import type { Db } from './index';
import { users } from './schema';
import { createUser, findUserByEmail, type Role } from '../auth/accounts';
import type { Course, Item } from '../content/types';
import { touchItem } from '../learning/progress';
import { chooseInVignette } from '../learning/vignettes';
import { answerQuestion } from '../learning/quizzes';
import { saveReflection } from '../learning/reflections';
import { createCohort, joinCohort } from '../supervision/cohorts';
import { createAssignment, reviewSubmission, submitAssignment } from '../supervision/assignments';
import { and, eq } from 'drizzle-orm';
import { reflections } from './schema';

export const DEMO_PASSWORD = 'ontroerd-demo-2026';
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; stage: 'new' | 'halfway' | 'finished' | null }[] = [
	{ email: 'supervisor@demo.ontroerd.nl', name: 'Marieke de Vries', role: 'supervisor', stage: null },
	{ email: 'nieuw@demo.ontroerd.nl', name: 'Sanne Jansen', role: 'trainee', stage: 'new' },
	{ email: 'halverwege@demo.ontroerd.nl', name: 'Youssef El Amrani', role: 'trainee', stage: 'halfway' },
	{ email: 'klaar@demo.ontroerd.nl', name: 'Lotte Bakker', role: 'trainee', stage: 'finished' }
];

const DEMO_REFLECTION =
	'Ik merk dat ik vooral ontroerd raak als een cliënt na lange tijd iets durft te laten zien. Dat wil ik in supervisie bespreken.';

async function workThrough(db: Db, learnerId: string, item: Item): Promise<void> {
	switch (item.type) {
		case 'lesson':
			return touchItem(db, learnerId, item, 'completed');
		case 'reflection':
			await saveReflection(db, learnerId, { key: item.reflectionKey, item, body: DEMO_REFLECTION, baseVersion: 0 });
			return;
		case 'vignette': {
			let step = item.steps[item.start];
			while (step && !step.end) {
				const choice = step.choices[0];
				if (!choice) break;
				await chooseInVignette(db, learnerId, item, step.id, choice.id);
				step = item.steps[choice.next];
			}
			return;
		}
		case 'quiz':
			for (const q of item.questions) {
				if (q.kind === 'reflection') {
					await saveReflection(db, learnerId, { key: q.reflectionKey, item, body: DEMO_REFLECTION, baseVersion: 0 });
					continue;
				}
				const value =
					q.kind === 'single' ? (q.options.find((o) => o.correct) ?? q.options[0])?.id ?? ''
					: q.kind === 'multiple' ? q.options.filter((o) => o.correct).map((o) => o.id)
					: q.kind === 'estimate' || q.kind === 'scale' ? Math.round((q.min + q.max) / 2)
					: 4;
				await answerQuestion(db, learnerId, item, q.id, value);
			}
	}
}

/** Seeds the demo once: does nothing when any account exists. Returns whether it seeded. */
export async function ensureDemo(db: Db, course: Course): Promise<boolean> {
	const [row] = await db.select({ n: count() }).from(users);
	if ((row?.n ?? 0) > 0) return false;
	await seedDemo(db, course);
	return true;
}

export async function seedDemo(db: Db, course: Course): Promise<void> {
	const allItems = course.modules.flatMap((m) => m.items);
	const ids: Record<string, string> = {};
	for (const account of DEMO_ACCOUNTS) {
		const user =
			(await createUser(db, { email: account.email, displayName: account.name, password: DEMO_PASSWORD, role: account.role })) ??
			(await findUserByEmail(db, account.email));
		if (!user) continue;
		ids[account.stage ?? 'supervisor'] = user.id;
		if (!account.stage || account.stage === 'new') continue;
		const items = account.stage === 'finished' ? allItems : allItems.slice(0, Math.ceil(allItems.length / 2));
		for (const item of items) await workThrough(db, user.id, item);
	}
	await seedCohort(db, course, ids);
}

/** A cohort whose assignments are in every state: not started, in progress, submitted, late, reviewed. */
async function seedCohort(db: Db, course: Course, ids: Record<string, string>): Promise<void> {
	const [supervisor, fresh, halfway, finished] = [ids.supervisor, ids.new, ids.halfway, ids.finished];
	const firstModule = course.modules[0];
	const quiz = firstModule?.items.find((i) => i.type === 'quiz');
	const vignette = course.modules[1]?.items.find((i) => i.type === 'vignette');
	if (!supervisor || !fresh || !halfway || !finished || !firstModule || !quiz || !vignette) return;
	const cohort = await createCohort(db, supervisor, 'Opleidingsgroep GZ 2026');
	for (const learner of [fresh, halfway, finished]) await joinCohort(db, cohort.id, learner);
	const day = 24 * 60 * 60 * 1000;
	const now = Date.now();
	const module = await createAssignment(db, course, { cohortId: cohort.id, targetType: 'module', targetId: firstModule.id, dueAt: new Date(now + 14 * day), note: 'Lees de module vóór onze supervisie van volgende maand.', learnerIds: 'all' });
	// Made a month ago, due last week: late for whoever has not submitted.
	await createAssignment(db, course, { cohortId: cohort.id, targetType: 'vignette', targetId: vignette.id, dueAt: new Date(now - 7 * day), note: 'Kies bewust; we bespreken je keuzes.', learnerIds: [fresh] }, new Date(now - 30 * day));
	const quizAssignment = await createAssignment(db, course, { cohortId: cohort.id, targetType: 'quiz', targetId: quiz.id, dueAt: new Date(now + 7 * day), note: '', learnerIds: [finished] });
	if (module.ok) await submitAssignment(db, course, module.id, finished, 'nl');
	if (quizAssignment.ok) {
		await submitAssignment(db, course, quizAssignment.id, finished, 'nl');
		await reviewSubmission(db, quizAssignment.id, finished, 'Mooi hoe eerlijk je over je eigen ontroering schrijft. Neem je antwoord op de stelling mee naar de volgende supervisie.');
	}
	// The half-way trainee shares one reflection with the supervisor.
	const [shared] = await db.select({ id: reflections.id }).from(reflections).where(eq(reflections.learnerId, halfway)).limit(1);
	if (shared) await db.update(reflections).set({ visibility: 'supervisor' }).where(and(eq(reflections.id, shared.id), eq(reflections.learnerId, halfway)));
}

export function demoBanner(): string {
	const rows = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(30)} ${a.role}${a.stage ? ` (${a.stage})` : ''}`);
	return ['', 'Ontroerd demo accounts (embedded database only), password: ' + DEMO_PASSWORD, ...rows, ''].join('\n');
}
