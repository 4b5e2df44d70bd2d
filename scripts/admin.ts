/**
 * The administrator's command line.
 *   npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (password on standard input)
 *   npm run admin -- set-role --email E --role R
 *   npm run admin -- disable-user --email E   (ends all its sessions at once)
 *   npm run admin -- enable-user --email E
 *   npm run admin -- purge   (deletes expired sessions, idle throttle rows, old links and retry keys; for cron)
 *   npm run admin -- xapi-actor --email E   (the learner as the LRS knows them, for an erasure request there)
 */
import { parseArgs } from 'node:util';
import { closeDatabase, database } from '../src/lib/server/db';
import { ROLES, createUser, findUserByEmail, setDisabled, setRole, type Role } from '../src/lib/server/auth/accounts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../src/lib/server/auth/password';
import { passwordWeakness, personalWords } from '../src/lib/server/auth/strength';
import { logEvent } from '../src/lib/server/log';
import { purgeExpired } from '../src/lib/server/retention';
import { actorOf } from '../src/lib/server/xapi/statements';

const USAGE = `usage:
  npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (reads the password from standard input)
  npm run admin -- set-role --email E --role trainee|supervisor|admin
  npm run admin -- disable-user --email E      (ends all its sessions at once; logging in fails)
  npm run admin -- enable-user --email E
  npm run admin -- purge                       (what retention allows to go; the app also does this every hour)
  npm run admin -- xapi-actor --email E        (the actor the LRS knows this learner by, to ask the LRS to erase their records; needs ORIGIN)`;

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
const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } });
const role = (values.role ?? 'trainee') as Role;
if (!ROLES.includes(role)) fail(`Unknown role "${values.role}".`);
const email = values.email ?? '';
if (command !== 'purge' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) fail('Give a valid --email.');

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
} else if (command === 'xapi-actor') {
	if (!process.env.ORIGIN) fail('Set ORIGIN as the server has it: the actor lives on that origin.');
	const { db } = await database();
	const user = await findUserByEmail(db, email);
	await closeDatabase();
	if (!user) fail(`No account with ${email}.`);
	console.log(JSON.stringify(actorOf({ origin: new URL(process.env.ORIGIN).origin, freeText: false }, user.id)));
} else {
	fail(command ? `Unknown command "${command}".` : 'Give a command.');
}
