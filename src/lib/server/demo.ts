/**
 * The demo people a newcomer logs in as. Only ever seeded into the embedded database on first start,
 * or on a server by an explicit `npm run db:seed-demo`.
 */
import { count } from 'drizzle-orm';
import type { Db } from './db/index';
import { users } from './db/schema';
import { createUser, findUserByEmail, type Role } from './auth/accounts';
import type { Course, Item } from './content';
import { hasOptions, rangeOf } from './content/questions';
import { touchItem } from './learning/progress';
import { chooseInVignette } from './learning/vignettes';
import { answerQuestion } from './learning/quizzes';
import { saveReflection } from './learning/reflections';
import { createCohort, joinCohort } from './supervision/cohorts';
import { createAssignment, reviewSubmission, submitAssignment } from './supervision/assignments';
import { and, eq } from 'drizzle-orm';
import { groupPosts, reflections } from './db/schema';
import { createGroup, joinGroup, setShowName } from './groups/groups';
import { pickCase } from './groups/case';
import { seedGrowth } from './demo-growth';

export const DEMO_PASSWORD = 'ontroerd-demo-2026';
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; stage: 'new' | 'halfway' | 'finished' | null }[] = [
	{ email: 'supervisor@demo.ontroerd.nl', name: 'Marieke de Vries', role: 'supervisor', stage: null },
	// The course owner: /beheer's pages, and a second (calibrated) rater of the demo cohort's tests.
	{ email: 'beheer@demo.ontroerd.nl', name: 'Hans Visser', role: 'admin', stage: null },
	{ email: 'nieuw@demo.ontroerd.nl', name: 'Sanne Jansen', role: 'trainee', stage: 'new' },
	{ email: 'halverwege@demo.ontroerd.nl', name: 'Youssef El Amrani', role: 'trainee', stage: 'halfway' },
	{ email: 'klaar@demo.ontroerd.nl', name: 'Lotte Bakker', role: 'trainee', stage: 'finished' }
];

const DEMO_REFLECTION = 'Ik merk dat ik vooral ontroerd raak als een cliënt na lange tijd iets durft te laten zien. Dat wil ik in supervisie bespreken.';

/** The middle of a numeric question's range (on the attitude scale: neither agree nor disagree). */
const midpoint = ({ min, max }: { min: number; max: number }) => Math.round((min + max) / 2);

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
				const value = !hasOptions(q)
					? midpoint(rangeOf(q))
					: q.kind === 'single'
						? ((q.options.find((o) => o.correct) ?? q.options[0])?.id ?? '')
						: q.options.filter((o) => o.correct).map((o) => o.id);
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
		ids[account.stage ?? account.role] = user.id;
		if (!account.stage || account.stage === 'new') continue;
		const items = account.stage === 'finished' ? allItems : allItems.slice(0, Math.ceil(allItems.length / 2));
		for (const item of items) await workThrough(db, user.id, item);
	}
	await seedCohort(db, course, ids);
	await seedGroup(db, course, ids);
	await seedGrowth(db, course, ids);
}

/** Walks a vignette taking the choice at `pick` at every step (wrapping), for at most `steps` decisions. */
async function walk(db: Db, learnerId: string, vignette: Extract<Item, { type: 'vignette' }>, pick: number, steps = 20): Promise<void> {
	let step = vignette.steps[vignette.start];
	for (let n = 0; step && !step.end && n < steps; n++) {
		const choice = step.choices[pick % step.choices.length];
		if (!choice) break;
		await chooseInVignette(db, learnerId, vignette, step.id, choice.id);
		step = vignette.steps[choice.next];
	}
}

/**
 * An intervision group of the three trainees and the supervisor, led by the half-way trainee. Its case
 * is the first vignette of module 1: the half-way and finished trainees walked it through, the new
 * trainee made the first choice only, so the first decision point has a chart and later ones wait for
 * a third answer. One reflection is shared with the group, and the discussion has begun.
 */
async function seedGroup(db: Db, course: Course, ids: Record<string, string>): Promise<void> {
	const [supervisor, fresh, halfway, finished] = [ids.supervisor, ids.new, ids.halfway, ids.finished];
	const vignette = course.modules[0]?.items.find((i): i is Extract<Item, { type: 'vignette' }> => i.type === 'vignette');
	if (!supervisor || !fresh || !halfway || !finished || !vignette) return;
	const group = await createGroup(db, halfway, 'Intervisiegroep Tranen');
	ids.group = group.id;
	for (const member of [finished, fresh, supervisor]) await joinGroup(db, group.id, member);
	await setShowName(db, group.id, finished, true);
	await walk(db, fresh, vignette, 1, 1);
	const inAWeek = new Date(Date.now() + 7 * 24 * 60 * 60 * 1000).toISOString().slice(0, 10);
	await pickCase(db, course, group, { target: `vignette:${vignette.id}`, meetingDate: inAWeek, members: 4 });
	const prompt = Object.values(vignette.steps).find((s) => s.reflection)?.reflection;
	if (prompt) {
		const body = 'Meelachen voelde goed, maar toen Joost echt ging huilen merkte ik dat mijn eigen verdriet meekwam. Hoe houden jullie dan de regie?';
		const [existing] = await db
			.select()
			.from(reflections)
			.where(and(eq(reflections.learnerId, halfway), eq(reflections.promptKey, prompt.key)));
		await saveReflection(db, halfway, {
			key: prompt.key,
			item: vignette,
			body,
			baseVersion: existing?.version ?? 0,
			sharing: { visibility: 'group', groupId: group.id, named: true }
		});
	}
	const [first] = await db
		.insert(groupPosts)
		.values({ groupId: group.id, caseId: vignette.id, authorId: finished, body: 'Ik koos ervoor om mee te lachen. Wie koos er iets anders, en waarom?' })
		.returning({ id: groupPosts.id });
	if (first)
		await db.insert(groupPosts).values({
			groupId: group.id,
			caseId: vignette.id,
			authorId: halfway,
			parentId: first.id,
			body: 'Ik twijfelde. Laten we het bij de bijeenkomst over de omslag naar verdriet hebben.'
		});
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
	const module = await createAssignment(db, course, {
		cohortId: cohort.id,
		targetType: 'module',
		targetId: firstModule.id,
		dueAt: new Date(now + 14 * day),
		note: 'Lees de module vóór onze supervisie van volgende maand.',
		learnerIds: 'all'
	});
	// Made a month ago, due last week: late for whoever has not submitted.
	await createAssignment(
		db,
		course,
		{
			cohortId: cohort.id,
			targetType: 'vignette',
			targetId: vignette.id,
			dueAt: new Date(now - 7 * day),
			note: 'Kies bewust; we bespreken je keuzes.',
			learnerIds: [fresh]
		},
		new Date(now - 30 * day)
	);
	// The new trainee has begun module 1 (her intervision group's case), so this one shows "not started".
	const later = course.modules[2];
	if (later)
		await createAssignment(db, course, {
			cohortId: cohort.id,
			targetType: 'module',
			targetId: later.id,
			dueAt: new Date(now + 21 * day),
			note: '',
			learnerIds: [fresh]
		});
	const quizAssignment = await createAssignment(db, course, {
		cohortId: cohort.id,
		targetType: 'quiz',
		targetId: quiz.id,
		dueAt: new Date(now + 7 * day),
		note: '',
		learnerIds: [finished]
	});
	if (module.ok) await submitAssignment(db, course, module.id, finished, 'nl');
	if (quizAssignment.ok) {
		await submitAssignment(db, course, quizAssignment.id, finished, 'nl');
		await reviewSubmission(
			db,
			quizAssignment.id,
			finished,
			'Mooi hoe eerlijk je over je eigen ontroering schrijft. Neem je antwoord op de stelling mee naar de volgende supervisie.'
		);
	}
	// The half-way trainee shares one reflection with the supervisor.
	const [shared] = await db.select({ id: reflections.id }).from(reflections).where(eq(reflections.learnerId, halfway)).limit(1);
	if (shared)
		await db
			.update(reflections)
			.set({ visibility: 'supervisor' })
			.where(and(eq(reflections.id, shared.id), eq(reflections.learnerId, halfway)));
}

export function demoBanner(): string {
	const rows = DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(30)} ${a.role}${a.stage ? ` (${a.stage})` : ''}`);
	return ['', 'Ontroerd demo accounts (embedded database only), password: ' + DEMO_PASSWORD, ...rows, ''].join('\n');
}
