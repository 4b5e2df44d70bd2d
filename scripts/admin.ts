/**
 * The administrator's command line.
 *   npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (password on standard input)
 *   npm run admin -- set-role --email E --role R
 *   npm run admin -- disable-user --email E   (ends all its sessions at once)
 *   npm run admin -- enable-user --email E
 */
import { parseArgs } from 'node:util';
import { closeDatabase, database } from '../src/lib/server/db';
import { ROLES, createUser, setDisabled, setRole, type Role } from '../src/lib/server/auth/accounts';
import { PASSWORD_MAX, PASSWORD_MIN } from '../src/lib/server/auth/password';
import { passwordWeakness, personalWords } from '../src/lib/server/auth/strength';

const USAGE = `usage:
  npm run admin -- create-user --email E --name N --role trainee|supervisor|admin   (reads the password from standard input)
  npm run admin -- set-role --email E --role trainee|supervisor|admin
  npm run admin -- disable-user --email E      (ends all its sessions at once; logging in fails)
  npm run admin -- enable-user --email E`;

function fail(message: string): never {
	console.error(`${message}\n\n${USAGE}`);
	process.exit(2);
}

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({ args: rest, options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' } } });
const role = (values.role ?? 'trainee') as Role;
if (!ROLES.includes(role)) fail(`Unknown role "${values.role}".`);
if (!values.email || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(values.email)) fail('Give a valid --email.');

if (command === 'create-user') {
	if (!values.name?.trim()) fail('Give a --name.');
	if (process.stdin.isTTY) console.error('Password (then Enter and Ctrl-D):');
	const password = await readStdin();
	if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) fail(`The password must have ${PASSWORD_MIN} to ${PASSWORD_MAX} characters.`);
	const weakness = passwordWeakness(password, personalWords(values.email, values.name));
	if (weakness) {
		fail(`That password is too easy to guess${weakness === 'personal' ? ' (it leans on the e-mail address or name)' : ''}. A sentence of several ordinary words works well.`);
	}
	const { db } = await database();
	const user = await createUser(db, { email: values.email, displayName: values.name, password, role });
	await closeDatabase();
	if (!user) fail(`An account with ${values.email} already exists.`);
	console.log(`Created ${role} ${user.email}.`);
} else if (command === 'set-role') {
	const { db } = await database();
	const found = await setRole(db, values.email, role);
	await closeDatabase();
	if (!found) fail(`No account with ${values.email}.`);
	console.log(`${values.email} is now ${role}.`);
} else if (command === 'disable-user' || command === 'enable-user') {
	const disable = command === 'disable-user';
	const { db } = await database();
	const found = await setDisabled(db, values.email, disable);
	await closeDatabase();
	if (!found) fail(`No account with ${values.email}.`);
	console.log(disable ? `${values.email} is disabled; its sessions have ended.` : `${values.email} can log in again.`);
} else {
	fail(command ? `Unknown command "${command}".` : 'Give a command.');
}
