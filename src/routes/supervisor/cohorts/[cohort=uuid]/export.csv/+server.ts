import { locale } from '$lib/locale';
import { m } from '$lib/paraglide/messages';
import { course } from '$lib/server/content';
import { db } from '$lib/server/db';
import { logReads } from '$lib/server/audit';
import { ownCohort, requireSupervisor } from '$lib/server/guards';
import { cohortOverview, sharedReflections, toCsv } from '$lib/server/supervision/overview';
import type { RequestHandler } from './$types';

/** Progress and assignment status; shared reflections only when asked for, and then every read is logged. */
export const GET: RequestHandler = async ({ url, params }) => {
	const supervisor = requireSupervisor();
	const cohort = await ownCohort(params.cohort);
	const database = await db();
	const withReflections = url.searchParams.get('reflections') === '1';
	const { modules, rows, assignments } = await cohortOverview(database, course, cohort.id, 'name', locale());
	const shared = withReflections
		? await sharedReflections(
				database,
				supervisor,
				rows.map((r) => r.id)
			)
		: [];
	const header = [
		m.cohort_col_trainee(),
		m.field_email(),
		m.cohort_col_total(),
		...modules.map((x) => x.title),
		...assignments.map((a) => `${a.assignment.targetId} (${a.assignment.dueAt.toISOString().slice(0, 10)})`)
	];
	if (withReflections) header.push(m.cohort_col_reflections());
	const lines = rows.map((r) => {
		const line: (string | number)[] = [
			r.displayName,
			r.email,
			r.doneTotal,
			...r.perModule.map((n, i) => `${n}/${modules[i]?.total ?? 0}`),
			...assignments.map((a) => r.statuses[a.assignment.id] ?? '')
		];
		if (withReflections)
			line.push(
				shared
					.filter((s) => s.learnerId === r.id)
					.map((s) => `[${s.promptKey}] ${s.body}`)
					.join('\n\n')
			);
		return line;
	});
	await logReads(
		database,
		supervisor,
		shared.map((s) => ({ learnerId: s.learnerId, what: `reflection:${s.promptKey} (export)` }))
	);
	return new Response('\uFEFF' + toCsv([header, ...lines]), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="ontroerd-${cohort.name.replace(/[^A-Za-z0-9-]+/g, '-').slice(0, 40) || 'cohort'}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
