/** EXPLAIN ANALYZE of captured statements: their time and plan, to see which scan each one does. */
import type postgres from 'postgres';
import type { Captured } from './dashboard-sql';

export type Explained = { query: string; ms: number; plan: string };

export async function explainAll(sql: postgres.Sql, statements: Captured): Promise<Explained[]> {
	const explain: Explained[] = [];
	for (const q of statements) {
		const rows = await sql.unsafe(`explain (analyze, buffers, format text) ${q.query}`, q.params as never[]);
		const lines = rows.map((r) => String(Object.values(r)[0]));
		const ms = Number(/Execution Time: ([\d.]+)/.exec(lines.join('\n'))?.[1] ?? 0);
		explain.push({ query: q.query, ms, plan: lines.join('\n') });
	}
	return explain;
}
