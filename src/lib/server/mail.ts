/**
 * Outgoing mail. With SMTP_URL set, nodemailer sends it over SMTP (from MAIL_FROM). Without it
 * (the embedded demo, the tests) each mail becomes a JSON file in MAIL_DIR, which the developer
 * mailbox page (/dev/mailbox, dev server only) and the end-to-end tests read.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { logger } from './log';

export type Mail = { to: string; subject: string; text: string; html?: string };
export type StoredMail = Mail & { file: string; date: string };

const mailDir = () => process.env.MAIL_DIR || '.data/mail';
const from = () => process.env.MAIL_FROM || 'Ontroerd <noreply@ontroerd.invalid>';

let transporter: Transporter | undefined;
let warned = false;
function transport(): Transporter {
	transporter ??= process.env.SMTP_URL ? nodemailer.createTransport(process.env.SMTP_URL) : nodemailer.createTransport({ jsonTransport: true });
	return transporter;
}

export async function sendMail(mail: Mail): Promise<void> {
	const info = await transport().sendMail({ from: from(), ...mail });
	if (process.env.SMTP_URL) return;
	if (!warned && process.env.NODE_ENV === 'production')
		logger.warn({ event: 'mail.unsent', dir: mailDir() }, 'SMTP_URL is not set: mails are written to files, not sent');
	warned = true;
	const dir = mailDir();
	mkdirSync(dir, { recursive: true });
	const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${crypto.randomUUID().slice(0, 8)}.json`;
	writeFileSync(join(dir, name), String(info.message));
}

/**
 * Sends without making the request wait: a slow or failing SMTP server must neither delay the
 * answer (its timing would tell whether a mail went out) nor turn it into an error.
 */
export function queueMail(mail: Mail | null): void {
	if (!mail) return;
	// Only the error's kind: an SMTP server's message may quote the recipient's address.
	sendMail(mail).catch((error: unknown) =>
		logger.error(
			{
				event: 'mail.failed',
				error: error instanceof Error ? error.name : 'unknown',
				errorCode: (error as { code?: string }).code,
				responseCode: (error as { responseCode?: number }).responseCode
			},
			'mail not sent'
		)
	);
}

type JsonMessage = { to?: { address: string }[]; subject?: string; text?: string; html?: string; date?: string };

/** The mails written to MAIL_DIR, newest first. */
export function readMailbox(): StoredMail[] {
	const dir = mailDir();
	let files: string[];
	try {
		files = readdirSync(dir).filter((f) => f.endsWith('.json'));
	} catch {
		return [];
	}
	return files
		.sort()
		.reverse()
		.map((file) => {
			const message = JSON.parse(readFileSync(join(dir, file), 'utf8')) as JsonMessage;
			return {
				file,
				to: (message.to ?? []).map((a) => a.address).join(', '),
				subject: message.subject ?? '',
				text: message.text ?? '',
				date: message.date ?? file.slice(0, 19)
			};
		});
}

/**
 * Where links in mails point: the configured ORIGIN when there is one (so a forged Host header
 * cannot send a reset link elsewhere), else the request's own origin (the dev server).
 */
export function linkOrigin(url: URL): string {
	return process.env.ORIGIN?.replace(/\/+$/, '') || url.origin;
}
