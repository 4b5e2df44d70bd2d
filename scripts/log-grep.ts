/**
 * Searches the server log of a whole end-to-end run (`npm test` passes the file) for what must
 * never be logged: the test passwords and reflection texts of tests/e2e (read from the specs'
 * source), e-mail addresses, session-token-like strings (160 bits in base32: 32 characters), and
 * log fields named like secrets that carry a value. Exits 1 with what was found, 2 when there is
 * no log to search (an empty log proves nothing).
 *   npx tsx scripts/log-grep.ts <log file>
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const file = process.argv[2];
if (!file) {
	console.error('usage: npx tsx scripts/log-grep.ts <log file>');
	process.exit(2);
}
let raw: string;
try {
	raw = readFileSync(file, 'utf8');
} catch {
	console.error(`log grep: no log at ${file}`);
	process.exit(2);
}
const lines = raw.split('\n').filter(Boolean);
if (lines.length < 5 || !raw.includes('"event":"login.ok"')) {
	console.error(`log grep: ${lines.length} lines and no login event in ${file}: logging is not working, so there is nothing to trust`);
	process.exit(2);
}

/** Literal strings of the e2e sources: password constants and the texts (or fixed prefixes) written as reflections. */
function secretsFromSpecs(dir = 'tests/e2e'): string[] {
	const found = new Set<string>();
	for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
		const source = readFileSync(join(dir, name), 'utf8');
		for (const m of source.matchAll(/const \w*PASSWORD\w* = '([^']+)'/g)) found.add(m[1] ?? '');
		for (const m of source.matchAll(/writeReflection\(\w+, ['`]([^'`$]+)/g)) found.add(m[1] ?? '');
		for (const m of source.matchAll(/const (?:text|secret|marker|reflection\w*) = ['`]([^'`$]+)/gi)) found.add(m[1] ?? '');
	}
	return [...found].map((s) => s.trim()).filter((s) => s.length >= 8 && !s.startsWith('/'));
}

const problems: string[] = [];
const secrets = secretsFromSpecs();
for (const secret of secrets) if (raw.includes(secret)) problems.push(`test secret or reflection text "${secret.slice(0, 12)}…"`);
const email = /[\w.+-]+@[\w-]+\.[a-z]{2,}/i.exec(raw);
if (email) problems.push(`an e-mail address (${email[0].replace(/^(.).*@/, '$1…@')})`);
if (/(^|[^a-z2-7])[a-z2-7]{32}([^a-z2-7]|$)/m.test(raw)) problems.push('a 32-character base32 string (a session token or invite code)');
for (const line of lines) {
	const parsed = JSON.parse(line) as Record<string, unknown>;
	for (const [key, value] of Object.entries(parsed)) {
		if (
			/^(password|currentPassword|newPassword|token|sessionToken|code|cookie|body|text|reflection|email|note|feedback|reply)$/i.test(key) &&
			value !== '[redacted]'
		)
			problems.push(`a field "${key}" with a value`);
	}
}

if (problems.length) {
	console.error(`log grep: ${lines.length} lines in ${file}; found:\n- ${[...new Set(problems)].join('\n- ')}`);
	process.exit(1);
}
console.log(`log grep ok: ${lines.length} lines, none with any of ${secrets.length} test secrets, an e-mail address, a token or a secret-named field`);
