/**
 * The administrator's command line.
 *   npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (password on standard input)
 *   npm run admin -- set-role --email E --role R
 *   npm run admin -- disable-user --email E   (ends all its sessions at once)
 *   npm run admin -- enable-user --email E
 *   npm run admin -- purge   (deletes expired sessions, idle throttle rows, old links and retry keys; for cron)
 *   npm run admin -- rotate-key --purpose credential|lti   (a new signing key; the old public key stays published)
 *   npm run admin -- revoke-certificate --number N --reason R
 *   npm run admin -- attendance --out FILE.csv   (valid certificates for the registers, plus PE-online's lists)
 *   npm run admin -- dossier --out DIR [--lang nl|en]   (the accreditation dossier: Markdown and CSV)
 *   npm run admin -- lti-…   (LTI platforms and registration: scripts/admin-lti.ts)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, database } from '../src/lib/server/db';
import { ROLES, createUser, findUserByEmail, setDisabled, setRole, type Role } from '../src/lib/server/auth/accounts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../src/lib/server/auth/password';
import { passwordWeakness, personalWords } from '../src/lib/server/auth/strength';
import { logEvent } from '../src/lib/server/log';
import { purgeExpired } from '../src/lib/server/retention';
import { KEY_PURPOSES, rotateKey, type KeyPurpose } from '../src/lib/server/keys';
import { revokeCertificate } from '../src/lib/server/certificates/issue';
import { parseCertificateNumber } from '../src/lib/server/certificates/number';
import { attendanceCsv, attendanceRows, peOnlineLists } from '../src/lib/server/certificates/attendance';
import { dossier } from '../src/lib/server/certificates/dossier';
import { evaluationSummary, itemAnalysis, studyLoad } from '../src/lib/server/assessment/analysis';
import { TEST_PASS_MARK } from '../src/lib/server/assessment/attempts';
import { todayIn } from '../src/lib/server/time-zone';
import { courseFromDisk } from './load-course';

const USAGE = `usage:
  npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (reads the password from standard input)
  npm run admin -- set-role --email E --role trainee|supervisor|admin
  npm run admin -- disable-user --email E      (ends all its sessions at once; logging in fails)
  npm run admin -- enable-user --email E
  npm run admin -- purge                       (what retention allows to go; the app also does this every hour)
  npm run admin -- rotate-key --purpose credential|lti   (signs with a new key from now on; the old public key stays published)
  npm run admin -- revoke-certificate --number N --reason R   (the verification page and the status list show it revoked)
  npm run admin -- attendance --out FILE.csv   (valid certificates: number, name, register, number, date, hours; and per register
                                                a FILE-pe-online-REGISTER.txt of prefixed numbers to paste into PE-online's import)
  npm run admin -- dossier --out DIR [--lang nl|en]   (the accreditation dossier: dossier.md and its tables as CSV)
  npm run admin -- lti-…                       (LTI: lti-tool-urls, lti-registration-url, lti-add-platform, lti-add-deployment, lti-platforms, lti-remove-platform)`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks)
		.toString('utf8')
		.replace(/\r?\n$/, '');
}

const [command, ...rest] = process.argv.slice(2);
if (command?.startsWith('lti-')) {
	const { runLtiCommand } = await import('./admin-lti');
	process.exit(await runLtiCommand(command, rest));
}
const { values } = parseArgs({
	args: rest,
	options: {
		email: { type: 'string' },
		name: { type: 'string' },
		role: { type: 'string' },
		purpose: { type: 'string' },
		number: { type: 'string' },
		reason: { type: 'string' },
		out: { type: 'string' },
		lang: { type: 'string' }
	}
});
const role = (values.role ?? 'trainee') as Role;
if (!ROLES.includes(role)) fail(`Unknown role "${values.role}".`);
const email = values.email ?? '';
const ACCOUNT_COMMANDS = ['create-user', 'set-role', 'disable-user', 'enable-user'];
if (ACCOUNT_COMMANDS.includes(command ?? '') && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('Give a valid --email.');

if (command === 'purge') {
	const { db } = await database();
	const purged = await purgeExpired(db);
	logEvent('retention.purged', { ...purged, by: 'admin' });
	await closeDatabase();
	console.log(
		`Purged ${purged.sessions} expired sessions, ${purged.rateLimits} throttle rows, ${purged.authTokens} e-mail links, ${purged.writeKeys} retry keys.`
	);
} else if (command === 'create-user') {
	if (!values.name?.trim()) fail('Give a --name.');
	if (process.stdin.isTTY) console.error('Password (then Enter and Ctrl-D):');
	const password = await readStdin();
	if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) fail(`The password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
	const weakness = passwordWeakness(password, personalWords(email, values.name));
	if (weakness) {
		fail(
			`That password is too easy to guess${weakness === 'personal' ? ' (it leans on the e-mail address or name)' : ''}. A sentence of several ordinary words works well.`
		);
	}
	const { db } = await database();
	const user = await createUser(db, { email: email, displayName: values.name, password, role });
	await closeDatabase();
	if (!user) fail(`An account with ${email} already exists.`);
	logEvent('account.created', { userId: user.id, role, by: 'admin' });
	console.log(`Created ${role} ${user.email}.`);
} else if (command === 'set-role') {
	const { db } = await database();
	const found = await setRole(db, email, role);
	await closeDatabase();
	if (!found) fail(`No account with ${email}.`);
	console.log(`${email} is now ${role}.`);
} else if (command === 'disable-user' || command === 'enable-user') {
	const disable = command === 'disable-user';
	const { db } = await database();
	const found = await setDisabled(db, email, disable);
	const user = await findUserByEmail(db, email);
	await closeDatabase();
	if (!found || !user) fail(`No account with ${email}.`);
	logEvent(disable ? 'account.disabled' : 'account.enabled', { userId: user.id, by: 'admin' });
	console.log(disable ? `${email} is disabled; its sessions have ended.` : `${email} can log in again.`);
} else if (command === 'rotate-key') {
	const purpose = values.purpose as KeyPurpose;
	if (!KEY_PURPOSES.includes(purpose)) fail(`Give --purpose ${KEY_PURPOSES.join(' or ')}.`);
	const { db } = await database();
	const { kid, retired } = await rotateKey(db, purpose);
	await closeDatabase();
	logEvent('key.rotated', { purpose, kid, retired, by: 'admin' });
	console.log(`The ${purpose} key is now ${kid}${retired ? `; ${retired} is retired and stays published, so what it signed still verifies` : ''}.`);
} else if (command === 'revoke-certificate') {
	const number = parseCertificateNumber(values.number ?? '');
	if (!number) fail('Give the certificate --number as printed (XXXX-XXXX-XXX).');
	const reason = values.reason?.trim();
	if (!reason) fail('Give a --reason (it is kept with the certificate and logged).');
	const { db } = await database();
	const revoked = await revokeCertificate(db, number, reason);
	await closeDatabase();
	if (!revoked) fail(`No valid certificate ${number} (unknown, or revoked already).`);
	logEvent('certificate.revoked', { number, reason, by: 'admin' });
	console.log(`Certificate ${number} is revoked; its verification page and the status list say so now.`);
} else if (command === 'attendance') {
	if (!values.out) fail('Give --out FILE.csv.');
	const { db } = await database();
	const rows = await attendanceRows(db);
	await closeDatabase();
	writeFileSync(
		values.out,
		attendanceCsv(rows, (date) => todayIn(date))
	);
	const base = values.out.replace(/\.csv$/i, '');
	const lists = peOnlineLists(rows);
	for (const [register, list] of lists) writeFileSync(`${base}-pe-online-${register}.txt`, list);
	console.log(`Wrote ${rows.length} certificates to ${values.out}${lists.size ? ` and PE-online lists for ${[...lists.keys()].join(', ')}` : ''}.`);
} else if (command === 'dossier') {
	if (!values.out) fail('Give --out DIR.');
	const locale = values.lang === 'en' ? 'en' : 'nl';
	const course = courseFromDisk();
	const { db } = await database();
	const [load, analysis, evaluation] = await Promise.all([
		studyLoad(db, course),
		course.test ? itemAnalysis(db, course.test) : Promise.resolve([]),
		evaluationSummary(db)
	]);
	await closeDatabase();
	const files = dossier({ course, load, analysis, evaluation, passMark: TEST_PASS_MARK, locale, today: todayIn(new Date()) });
	mkdirSync(values.out, { recursive: true });
	for (const [name, text] of Object.entries(files)) writeFileSync(join(values.out, name), text);
	console.log(`Wrote the dossier to ${values.out}: ${Object.keys(files).join(', ')}.`);
} else {
	fail(command ? `Unknown command "${command}".` : 'Give a command.');
}
