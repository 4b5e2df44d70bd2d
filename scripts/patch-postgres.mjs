// Guards postgres.js 3.4.9 against a crash that takes the whole app down when PostgreSQL goes away:
// a small write deferred with setImmediate runs after the socket closed and throws
// "Cannot read properties of null (reading 'write')" outside any await (porsager/postgres#1154, #1208;
// the fix, PR #1209, is not released). Found by `npm run test:faults` (PostgreSQL stopped in immediate mode).
// Runs after `npm install`; replaces the files by rename, so hard-linked copies elsewhere stay untouched.
// Remove this script once a postgres release carries the guard: it refuses, loudly, code it does not recognise.
import { readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';

const MARK = '/* ontroerd: nextWrite guard */';
const files = ['node_modules/postgres/src/connection.js', 'node_modules/postgres/cjs/src/connection.js', 'node_modules/postgres/cf/src/connection.js'];
const edits = [
	[
		'  function nextWrite(fn) {\n    const x = socket.write(chunk, fn)',
		`  function nextWrite(fn) {\n    if (!socket) { ${MARK}\n      chunk = nextWriteTimer = null\n      error(Errors.connection('CONNECTION_CLOSED', options))\n      return false\n    }\n    const x = socket.write(chunk, fn)`
	],
	// Teardown cancels the deferred write but left the timer set, so the reconnected socket never flushed again.
	['    clearImmediate(nextWriteTimer)\n', '    clearImmediate(nextWriteTimer), chunk = nextWriteTimer = null\n']
];

let failed = false;
for (const file of files) {
	if (!existsSync(file)) continue;
	let text = readFileSync(file, 'utf8');
	if (text.includes(MARK)) continue;
	for (const [from, to] of edits) {
		if (!text.includes(from)) {
			console.error(
				`patch-postgres: ${file} no longer has the code this guard expects; check whether the postgres release fixed it, then update or remove scripts/patch-postgres.mjs`
			);
			failed = true;
			break;
		}
		text = text.split(from).join(to);
	}
	if (failed) break;
	writeFileSync(`${file}.tmp`, text);
	renameSync(`${file}.tmp`, file);
}
process.exit(failed ? 1 : 0);
