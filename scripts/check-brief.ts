/**
 * Compares every entry of content/norms.yaml with the project brief's re-reading of the study
 * (`../shared/study-figures.md`): the value must be printed there on a line that also carries its
 * sd and count, and its base N must appear. Run by `.ci/run`, which has ../shared; never by `npm test`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { normsFileSchema } from '../src/lib/server/content/schema';

const figuresPath = process.argv[2] ?? '../shared/study-figures.md';
if (!existsSync(figuresPath)) {
	console.error(`No ${figuresPath}: nothing to compare with.`);
	process.exit(2);
}
const lines = readFileSync(figuresPath, 'utf8').split('\n');
const norms = normsFileSchema.parse(parse(readFileSync('content/norms.yaml', 'utf8')));

/** The ways a number may be printed: 5.3 as "5.30", 0.61 as ".61", 50 as "50.0". */
function spellings(value: number): string[] {
	const plain = String(value);
	const forms = new Set([plain, value.toFixed(1), value.toFixed(2)]);
	for (const f of [...forms]) if (f.startsWith('0.')) forms.add(f.slice(1));
	return [...forms];
}

function printed(line: string, value: number): boolean {
	return spellings(value).some((s) => new RegExp(`(^|[^0-9.])${s.replace('.', '\\.')}(?![0-9])`).test(line));
}

const problems: string[] = [];
for (const [id, norm] of Object.entries(norms)) {
	const candidates = lines.filter((line) => printed(line, norm.value));
	const match = candidates.find((line) => (norm.sd === undefined || printed(line, norm.sd)) && (norm.count === undefined || printed(line, norm.count)));
	if (!match)
		problems.push(
			`${id}: value ${norm.value}${norm.sd !== undefined ? ` with sd ${norm.sd}` : ''}${norm.count !== undefined ? ` and count ${norm.count}` : ''} is not printed together in ${figuresPath}`
		);
	// An unclear base has no number to compare; the note in norms.yaml says why.
	if (norm.base !== 'unclear' && !lines.some((line) => printed(line, norm.base as number)))
		problems.push(`${id}: base ${norm.base} does not appear in ${figuresPath}`);
}
if (problems.length) {
	console.error(`${problems.length} norm(s) differ from the brief:\n- ${problems.join('\n- ')}`);
	process.exit(1);
}
console.log(`brief check ok: all ${Object.keys(norms).length} norms match ${figuresPath}`);
